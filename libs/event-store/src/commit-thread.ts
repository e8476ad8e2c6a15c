import { Worker } from 'node:worker_threads';

/** An error as it crosses from the thread: its name, message and plain own fields (code, streamId...). */
export interface ThreadFailure {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean | null>;
}
interface Caller<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/** How long a closing thread may take to commit what it was sent and end. */
const CLOSE_WAIT_MS = 10_000;

export type ThreadReply<Result> = { id: number; result: Result } | { id: number; failure: ThreadFailure };
export interface ThreadRequest<Request> {
  id: number;
  request: Request;
}

/**
 * The compiled script of a thread next to the module asking for it. A thread runs compiled code; under jest the
 * asking module is its TypeScript source in src/, next to its build in dist/ (npm test builds before it runs).
 */
export function threadScript(moduleUrl: string, compiledName: string): URL {
  return moduleUrl.endsWith('.ts')
    ? new URL(`../dist/${compiledName}`, moduleUrl)
    : new URL(`./${compiledName}`, moduleUrl);
}

/**
 * Durable SQLite writes on a thread with its own connection (its script calls `serveCommits`): the work and the
 * COMMIT with its sync run beside the caller's event loop instead of blocking it. A request resolves when the
 * thread replies, i.e. after its group's COMMIT has returned, exactly as an inline group commit would. The thread
 * starts at the first request (a process that only reads never starts it) and holds the process open only while
 * requests are under way.
 */
export class CommitThread<Request, Result> {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Caller<Result>>();
  private nextId = 0;
  private stopped: Error | undefined;
  /** Requests of this turn of the event loop, posted together: the thread commits them as one group. */
  private outgoing: ThreadRequest<Request>[] = [];

  constructor(
    private readonly script: URL,
    private readonly workerData: unknown,
    /** Rebuilds the errors callers branch on as their own classes. */
    private readonly decode: (failure: ThreadFailure) => Error = plainError,
    /** Called on each committed reply, before its caller resumes (e.g. to wake subscribers). */
    private readonly committed: () => void = () => undefined,
  ) {}

  run(request: Request): Promise<Result> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      if (this.outgoing.push({ id, request }) === 1) setImmediate(() => this.post());
    });
  }

  /**
   * One message per turn of the event loop: the requests that reached their write in the same turn share a commit
   * and its sync, as they would inline; posted one by one, each would meet an idle thread and commit alone.
   */
  private post(): void {
    const requests = this.outgoing;
    this.outgoing = [];
    const worker = this.worker;
    if (requests.length === 0 || !worker) return;
    try {
      worker.postMessage(requests);
    } catch {
      // One that cannot be copied to the thread (a value that throws when read) fails alone; the others go on.
      for (const one of requests) {
        try {
          worker.postMessage([one]);
        } catch (error) {
          this.answer(one.id, (caller) => caller.reject(error as Error));
        }
      }
    }
  }

  /** Commits what was sent, then ends the thread and its connection. */
  async close(): Promise<void> {
    this.stopped ??= new Error('closed');
    const worker = this.worker;
    if (!worker) return;
    this.post();
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('close');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS)));
    const ending = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (ending !== 'late') return;
    // A shutdown must end: what was committed stays, an unfinished transaction is rolled back by SQLite.
    process.emitWarning(`commit thread ${this.script.pathname} did not end in ${CLOSE_WAIT_MS} ms; terminated`);
    await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: this.workerData });
    worker.unref();
    worker.on('message', (replies: ThreadReply<Result>[]) => replies.forEach((reply) => this.settle(reply)));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      // Died (a closing thread is no longer this.worker): the next request starts a new one, rather than every write
      // of the process failing until it is restarted.
      this.worker = undefined;
      this.fail(new Error(`commit thread exited (${code})`));
      process.emitWarning(`commit thread ${this.script.pathname} exited (${code}); the next write starts a new one`);
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: ThreadReply<Result>): void {
    this.answer(reply.id, (caller) => {
      if ('result' in reply) {
        this.committed();
        caller.resolve(reply.result);
      } else caller.reject(this.decode(reply.failure));
    });
  }

  private answer(id: number, settle: (caller: Caller<Result>) => void): void {
    const caller = this.waiting.get(id);
    if (!caller) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
    settle(caller);
  }

  /**
   * A thread that died takes its unanswered requests with it: they may or may not have committed (a retry with the
   * same ids finds out). Those not posted yet are refused too, and never posted: their callers were told they failed.
   */
  private fail(error: Error): void {
    for (const caller of this.waiting.values()) caller.reject(error);
    this.waiting.clear();
    this.outgoing = [];
  }
}

export function plainError(failure: ThreadFailure): Error {
  return Object.assign(new Error(failure.message), failure.fields, { name: failure.name });
}

/** Thread side: what crosses back of an error thrown by the work. */
export function failureOf(error: unknown): ThreadFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: ThreadFailure['fields'] = {};
  for (const [key, value] of Object.entries(error))
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string;
  return { name: error.name, message: error.message, fields };
}
