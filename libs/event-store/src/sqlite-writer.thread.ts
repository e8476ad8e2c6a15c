import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serveCommits } from './commit-thread.serve.js';
import type { StreamAppend } from './event-store.js';
import { SqliteAppender } from './sqlite-appender.js';
import { prepareDatabase } from './sqlite-schema.js';

/** The writer thread of a SqliteEventStore: its own connection, the appends of each group in one commit. */
const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const db = new Database(file);
prepareDatabase(db, busyTimeoutMs);
const appender = new SqliteAppender(db);
serveCommits(db, (batch: readonly StreamAppend[]) => appender.appendMany(batch));
