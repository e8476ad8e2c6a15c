import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeDocumentStoreContract } from './document-store.contract.js';
import { MongoDocumentStore } from './mongo/mongo-document-store.js';

// Runs only against a real server: MONGODB_URI=mongodb://localhost:27017 npm run jest -- libs/read-models
const uri = process.env.MONGODB_URI;

describeDocumentStoreContract(
  'MongoDB',
  async () => {
    const database = `kenpo_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    return {
      open: async () => MongoDocumentStore.connect(uri!, database),
      dispose: async () => {
        const client = await new MongoClient(uri!).connect();
        try {
          await client.db(database).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
  uri !== undefined && uri !== '',
);
