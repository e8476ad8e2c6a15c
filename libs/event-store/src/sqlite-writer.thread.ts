import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';
import { SqliteAppender } from './sqlite-appender.js';
import { prepareDatabase } from './sqlite-schema.js';
import { encodeFailure, type WriteReply, type WriteRequest } from './sqlite-writer.js';

/** The writer thread of a SqliteEventStore (ThreadWriter): its own connection, grouped commits, replies by id. */
const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const port = parentPort!;
const db = new Database(file);
prepareDatabase(db, busyTimeoutMs);
const appender = new SqliteAppender(db);
const writes = new GroupCommit(db);

port.on('message', (message: WriteRequest | 'close') => {
  if (message === 'close') {
    writes.flush();
    db.close();
    // After the flushed writes' replies, which are posted from promise callbacks.
    setImmediate(() => port.close());
    return;
  }
  const { id, batch } = message;
  writes
    .run(() => appender.appendMany(batch))
    .then(
      (results) => port.postMessage({ id, results } satisfies WriteReply),
      (error: unknown) => port.postMessage({ id, failure: encodeFailure(error) } satisfies WriteReply),
    );
});
