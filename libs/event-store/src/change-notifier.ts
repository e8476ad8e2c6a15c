import { existsSync, watch, type FSWatcher, type WatchListener } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The first look after the last WAL write; the next ones wait twice as long each, up to the fallback tick. */
const TRAILING_MS = 25;
/**
 * Other processes' commits wake this process's subscribers at most this often. Woken on every one, each live
 * subscription read once per commit: under load (bench: commands) the projector's five read about once per command
 * each, and the reads, not the events in them, were most of its work. A view is at most this much later.
 */
const FOREIGN_WAKE_MS = 10;

/**
 * Wakes live subscribers of a SQLite log without busy polling.
 *
 * - Same process: `append` calls `notify()` right after its commit, so a subscriber wakes at once.
 * - Other processes on the same file (the projector may run apart from the API): inotify via `fs.watch` on the
 *   `-wal` file. Every commit writes to the WAL, so a watch event follows each foreign commit within milliseconds.
 *   The file, not its directory: a directory watch woke the process for every write to any file beside the log
 *   (the read models' and the vault's WALs, a log file), each wake-up a cost to every process for nothing (bench:
 *   0.25 ms of the projector's and worker's CPU per GET /eligibility while the API logged into that directory).
 *   SQLite deletes the WAL only when the last connection closes, and this process holds one; should it go or not
 *   exist yet, the directory is watched until it (re)appears.
 * - A low-frequency fallback tick (`fallbackMs`, default 500 ms) covers file systems where `fs.watch` gives no
 *   events (network shares, some container bind mounts): each tick costs one indexed `position > ?` query.
 *
 * A sequence number closes the race between "read found nothing" and "start waiting": a waiter passes the number it
 * saw before reading and returns at once if anything happened since.
 */
export class ChangeNotifier {
  private seq = 0;
  private waiters = new Set<() => void>();
  private walWatch: Watch | undefined;
  private watching = 0;
  private trailing: NodeJS.Timeout | undefined;
  private foreignWake: NodeJS.Timeout | undefined;
  private lastForeignWake = -Infinity;

  constructor(
    private readonly databaseFile: string,
    private readonly fallbackMs = 500,
    private readonly watchFile = true,
  ) {}

  get sequence(): number {
    return this.seq;
  }

  /** What the cross-process watch is on now (the WAL, or its directory until the WAL exists); undefined if none. */
  get watchedPath(): string | undefined {
    return this.walWatch?.path;
  }

  notify(): void {
    this.seq++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next change after `seenSequence`, on the fallback tick, or when `signal` aborts. */
  wait(seenSequence: number, signal: AbortSignal): Promise<void> {
    if (this.seq !== seenSequence || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.fallbackMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  /** Starts the cross-process watch while at least one subscription is live. */
  retain(): void {
    if (this.watching++ > 0 || !this.watchFile) return;
    this.watchWal();
  }

  release(): void {
    if (--this.watching > 0) return;
    this.watching = 0;
    this.stopWatching();
  }

  close(): void {
    this.stopWatching();
    this.notify();
  }

  /** Wakes at once, unless it woke less than FOREIGN_WAKE_MS ago: then once, when that time is up. */
  private foreignCommit(): void {
    if (this.foreignWake) return;
    const wake = (): void => {
      this.foreignWake = undefined;
      this.lastForeignWake = performance.now();
      this.notify();
    };
    const wait = this.lastForeignWake + FOREIGN_WAKE_MS - performance.now();
    if (wait <= 0) wake();
    else this.foreignWake = setTimeout(wake, wait);
  }

  /** The WAL file; while it does not exist, its directory (filtered to it) until it does. */
  private watchWal(): void {
    const wal = `${this.databaseFile}-wal`;
    // When neither can be watched (no inotify here), the fallback tick still delivers.
    this.walWatch =
      watchOrNothing(wal, (event) => {
        this.walWritten();
        if (event === 'rename') this.rewatch(); // deleted or moved: this watch has ended
      }) ??
      watchOrNothing(dirname(wal), (_event, file) => {
        if (file !== null && String(file) !== basename(wal)) return;
        this.walWritten();
        if (existsSync(wal)) this.rewatch();
      });
    this.walWatch?.watcher.on('error', () => this.stopWatching());
  }

  private rewatch(): void {
    this.walWatch?.watcher.close();
    this.walWatch = undefined;
    if (this.watching > 0) this.watchWal();
  }

  private walWritten(): void {
    this.foreignCommit();
    // The WAL is written before the commit becomes visible (fsync, then the shared-memory index, which raises no
    // file event): a reader woken by the write itself can still miss it, so look again after the last write, and
    // again, further apart each time: a sync can take longer than any one delay on a busy disk (a test waiting on
    // the watch alone hung once when the only look came before the commit was visible).
    clearTimeout(this.trailing);
    this.lookAgain(TRAILING_MS);
  }

  private lookAgain(delayMs: number): void {
    this.trailing = setTimeout(() => {
      this.notify();
      if (2 * delayMs < this.fallbackMs) this.lookAgain(2 * delayMs);
    }, delayMs);
  }

  private stopWatching(): void {
    clearTimeout(this.trailing);
    clearTimeout(this.foreignWake);
    this.foreignWake = undefined;
    this.walWatch?.watcher.close();
    this.walWatch = undefined;
  }
}

interface Watch {
  path: string;
  watcher: FSWatcher;
}

function watchOrNothing(path: string, listener: WatchListener<string>): Watch | undefined {
  try {
    return { path, watcher: watch(path, { persistent: false }, listener) };
  } catch {
    return undefined;
  }
}
