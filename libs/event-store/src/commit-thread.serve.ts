import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { failureOf, type ThreadReply, type ThreadRequest } from './commit-thread.js';
import { GroupCommit } from './group-commit.js';

/**
 * The thread side of a CommitThread: each request's `work` (synchronous SQL on `db`) runs in the next group commit,
 * in a savepoint of its own, and its reply is posted once the group is on disk. 'close' commits what is queued and
 * ends the thread.
 */
export function serveCommits<Request, Result>(db: Database.Database, work: (request: Request) => Result): void {
  const port = parentPort!;
  const writes = new GroupCommit(db);
  port.on('message', (message: ThreadRequest<Request> | 'close') => {
    if (message === 'close') {
      writes.flush();
      db.close();
      // After the flushed requests' replies, which are posted from promise callbacks.
      setImmediate(() => port.close());
      return;
    }
    const { id, request } = message;
    writes
      .run(() => work(request))
      .then(
        (result) => port.postMessage({ id, result } satisfies ThreadReply<Result>),
        (error: unknown) => port.postMessage({ id, failure: failureOf(error) } satisfies ThreadReply<Result>),
      );
  });
}
