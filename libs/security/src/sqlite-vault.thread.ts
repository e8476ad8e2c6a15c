import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serveCommits } from '@kenpo/event-store';
import { openVaultDatabase } from './sqlite-vault-schema.js';
import { VaultWrites, type ProtectRequest } from './sqlite-vault-writes.js';

/** The commit thread of a SqliteIndividualNumberVault: its own connection; no key ever reaches it in clear. */
const { file } = workerData as { file: string };
const db = openVaultDatabase(new Database(file));
const writes = new VaultWrites(db);
serveCommits(db, (request: ProtectRequest) => writes.protect(request));
