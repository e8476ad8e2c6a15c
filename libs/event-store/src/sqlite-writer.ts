import type Database from 'better-sqlite3';
import { DuplicateEventIdError } from './append-rules.js';
import { CommitThread, plainError, threadScript, type ThreadFailure } from './commit-thread.js';
import { WrongExpectedRevisionError, type StreamAppend } from './event-store.js';
import { GroupCommit } from './group-commit.js';
import { type ChainedAppendResult, SqliteAppender } from './sqlite-appender.js';

/** Where a SQLite log's appends are committed: on the caller's event loop, or on a thread of their own. */
export interface LogWriter {
  /** One savepoint for the whole batch; resolves once the group it joined is on disk. */
  run(batch: readonly StreamAppend[]): Promise<ChainedAppendResult[]>;
  /** Commits what is queued, then releases the connection. */
  close(): Promise<void>;
}

/** Appends grouped on the caller's own connection and event loop (the commit's sync blocks that loop). */
export class InlineWriter implements LogWriter {
  private readonly appender: SqliteAppender;
  private readonly writes: GroupCommit;

  constructor(db: Database.Database, committed: () => void) {
    this.appender = new SqliteAppender(db);
    this.writes = new GroupCommit(db, committed);
  }

  run(batch: readonly StreamAppend[]): Promise<ChainedAppendResult[]> {
    return this.writes.run(() => this.appender.appendMany(batch));
  }

  async close(): Promise<void> {
    this.writes.flush();
  }
}

/** Appends grouped on a thread with its own connection (sqlite-writer.thread.ts). */
export function threadWriter(file: string, busyTimeoutMs: number, committed: () => void): LogWriter {
  const script = threadScript(import.meta.url, 'sqlite-writer.thread.js');
  return new CommitThread<readonly StreamAppend[], ChainedAppendResult[]>(
    script,
    { file, busyTimeoutMs },
    appendFailure,
    committed,
  );
}

/** The errors callers of append branch on come back as their own classes. */
function appendFailure(failure: ThreadFailure): Error {
  const fields = failure.fields as Record<string, string | number>;
  if (failure.name === 'WrongExpectedRevisionError') {
    const { streamId, expected, actual } = fields as {
      streamId: string;
      expected: string | number;
      actual: string | number;
    };
    return new WrongExpectedRevisionError(
      streamId,
      expected as WrongExpectedRevisionError['expected'],
      actual as WrongExpectedRevisionError['actual'],
    );
  }
  if (failure.name === 'DuplicateEventIdError') return new DuplicateEventIdError(fields['eventId'] as string);
  return plainError(failure);
}
