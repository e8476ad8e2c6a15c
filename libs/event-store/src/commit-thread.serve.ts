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
  // A group's replies go back as one message, as its requests came.
  let replies: ThreadReply<Result>[] = [];
  const postReplies = (): void => {
    if (replies.length > 0) port.postMessage(replies);
    replies = [];
  };
  const reply = (message: ThreadReply<Result>): void => {
    if (replies.push(message) === 1) setImmediate(postReplies);
  };
  port.on('message', (message: ThreadRequest<Request>[] | 'close') => {
    if (message === 'close') {
      writes.flush();
      db.close();
      // The flushed requests' callbacks run after this handler: their replies go, then the thread ends.
      setImmediate(() => {
        postReplies();
        port.close();
      });
      return;
    }
    for (const { id, request } of message)
      writes
        .run(() => work(request))
        .then(
          (result) => reply({ id, result }),
          (error: unknown) => reply({ id, failure: failureOf(error) }),
        );
  });
}
