import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { DuplicateEventIdError } from './append-rules.js';
import { WrongExpectedRevisionError, type AppendResult, type StreamAppend } from './event-store.js';
import { GroupCommit } from './group-commit.js';
import { SqliteAppender } from './sqlite-appender.js';

/** Where a SQLite log's appends are committed: on the caller's event loop, or on a thread of their own. */
export interface LogWriter {
  /** One savepoint for the whole batch; resolves once the group it joined is on disk. */
  write(batch: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Commits what is queued, then releases the connection. */
  close(): Promise<void>;
}

export interface WriteRequest {
  id: number;
  batch: readonly StreamAppend[];
}
export type WriteReply = { id: number; results: AppendResult[] } | { id: number; failure: WriteFailure };
export interface WriteFailure {
  name: string;
  message: string;
  code?: string;
  streamId?: string;
  expected?: WrongExpectedRevisionError['expected'];
  actual?: WrongExpectedRevisionError['actual'];
  eventId?: string;
}

/** Errors cross the thread as plain data; the ones callers branch on come back as their own classes. */
export function encodeFailure(error: unknown): WriteFailure {
  if (error instanceof WrongExpectedRevisionError) {
    const { name, message, streamId, expected, actual } = error;
    return { name, message, streamId, expected, actual };
  }
  if (error instanceof DuplicateEventIdError)
    return { name: error.name, message: error.message, eventId: error.eventId };
  const { name = 'Error', message = String(error), code } = error as { name?: string; message?: string; code?: string };
  return { name, message, ...(typeof code === 'string' ? { code } : {}) };
}

export function decodeFailure(failure: WriteFailure): Error {
  if (failure.name === 'WrongExpectedRevisionError')
    return new WrongExpectedRevisionError(failure.streamId!, failure.expected!, failure.actual!);
  if (failure.name === 'DuplicateEventIdError') return new DuplicateEventIdError(failure.eventId!);
  return Object.assign(new Error(failure.message), { name: failure.name, code: failure.code });
}

/** Appends grouped on the caller's own connection and event loop (the commit's sync blocks that loop). */
export class InlineWriter implements LogWriter {
  private readonly appender: SqliteAppender;
  private readonly writes: GroupCommit;

  constructor(db: Database.Database, committed: () => void) {
    this.appender = new SqliteAppender(db);
    this.writes = new GroupCommit(db, committed);
  }

  write(batch: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.writes.run(() => this.appender.appendMany(batch));
  }

  async close(): Promise<void> {
    this.writes.flush();
  }
}

/**
 * Appends grouped on a thread with its own connection (sqlite-writer.thread.ts): the revision checks, the hash chain
 * and the commit with its sync run beside the caller's event loop instead of blocking it. A write resolves when the
 * thread replies, i.e. after its group's COMMIT has returned: durability is the same as inline. The thread starts at
 * the first write (a process that only reads never starts it) and holds the process open only while writes are
 * under way.
 */
export class ThreadWriter implements LogWriter {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (r: AppendResult[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private stopped: Error | undefined;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly committed: () => void,
  ) {}

  write(batch: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, batch } satisfies WriteRequest);
    });
  }

  async close(): Promise<void> {
    this.stopped ??= new Error('event store is closed');
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(threadScript(), { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    worker.unref();
    worker.on('message', (reply: WriteReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`event store writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WriteReply): void {
    const caller = this.waiting.get(reply.id);
    if (!caller) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('results' in reply) {
      this.committed();
      caller.resolve(reply.results);
    } else caller.reject(decodeFailure(reply.failure));
  }

  /** A thread that died takes its unanswered writes with it: they may or may not have committed. */
  private fail(error: Error): void {
    this.stopped ??= error;
    for (const caller of this.waiting.values()) caller.reject(error);
    this.waiting.clear();
  }
}

/** The thread runs compiled code; under jest this module is the TypeScript source, next to its build in dist/. */
function threadScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../dist/sqlite-writer.thread.js', import.meta.url)
    : new URL('./sqlite-writer.thread.js', import.meta.url);
}
