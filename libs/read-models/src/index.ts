export * from './document-store.js';
export { DEFAULT_LIMIT, MAX_LIMIT } from './query.js';
export { SqliteDocumentStore } from './sqlite/sqlite-document-store.js';
export { MongoDocumentStore } from './mongo/mongo-document-store.js';
export * from './projection.js';
