import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { transferFileName } from '@kenpo/payouts';
import { removeStaleTemporaries, temporaryPathFor } from '@kenpo/platform';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '@kenpo/security';
import { sha256Hex } from './transfer-file.js';

/**
 * Transfer files under DATA_DIR/transfers (a volume shared by the worker, which writes, and the API, which serves
 * them). Names derive from the run id, so a retried run overwrites its own file and never makes a second one.
 */
export class TransferFileStore {
  constructor(readonly directory: string) {}

  static under(dataDir: string): TransferFileStore {
    return new TransferFileStore(join(dataDir, 'transfers'));
  }

  pathOf(runId: string): string {
    return join(this.directory, transferFileName(runId));
  }

  async read(runId: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(runId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * The run's file opened for serving, with its size and sha256 read from the same open file (so what is hashed is
   * what is sent), or null when there is none. The caller streams it (`handle.createReadStream()`), closing it after.
   */
  async openChecked(runId: string): Promise<{ handle: FileHandle; size: number; sha256: string } | null> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(runId), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const hash = createHash('sha256');
      for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
      return { handle, size, sha256: hash.digest('hex') };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The sha256 of the run's file, read as a stream (a file of 100,000 records is 12 MB); null when there is none. */
  async sha256Of(runId: string): Promise<string | null> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.pathOf(runId))) hash.update(chunk as Buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return hash.digest('hex');
  }

  /** The run's file, written under a temporary name piece by piece; `commit` puts it in place. */
  pending(runId: string): Promise<PendingFile> {
    ensurePrivateDir(this.directory); // bank account data: the owner's only (issue 14.3)
    return PendingFile.open(this.pathOf(runId));
  }

  /** A scratch file beside the run's file (e.g. its planned steps), removed once used or at start-up if left. */
  scratch(runId: string, suffix: string): Promise<PendingFile> {
    ensurePrivateDir(this.directory);
    return PendingFile.open(`${this.pathOf(runId)}.${suffix}`);
  }

  /** Removes what killed writes left (their temporaries); the files themselves are only ever whole. */
  removeStaleTemporaries(): Promise<string[]> {
    return removeStaleTemporaries(this.directory);
  }

  /** Makes sure the run's file holds exactly `bytes` (written whole, atomically, as PendingFile does). */
  async ensure(runId: string, bytes: Buffer): Promise<'written' | 'present'> {
    if ((await this.sha256Of(runId)) === sha256Hex(bytes)) return 'present';
    const file = await this.pending(runId);
    try {
      await file.write(bytes);
      await file.commit();
    } catch (error) {
      await file.discard();
      throw error;
    }
    return 'written';
  }
}

/**
 * A file written under a temporary name (which start-up removes if the writer died), hashed as it is written.
 * `commit` flushes it, renames it over its target and flushes the directory, so a crash leaves either no file, the
 * old one or the whole new one; `discard` removes it.
 */
export class PendingFile {
  private readonly hash: Hash = createHash('sha256');
  private handle: FileHandle | null;
  private digest: string | null = null;
  size = 0;

  private constructor(
    readonly target: string,
    readonly path: string,
    handle: FileHandle,
  ) {
    this.handle = handle;
  }

  static async open(target: string): Promise<PendingFile> {
    const path = temporaryPathFor(target);
    const handle = await open(path, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.chmod(PRIVATE_FILE_MODE); // whatever the umask
    } catch (error) {
      await handle.close();
      await unlink(path).catch(() => undefined);
      throw error;
    }
    return new PendingFile(target, path, handle);
  }

  async write(bytes: Buffer): Promise<void> {
    if (!this.handle) throw new Error(`${this.path} is closed`);
    this.hash.update(bytes);
    this.size += bytes.length;
    await this.handle.writeFile(bytes);
  }

  /** Flushes (unless it is scratch that a crash may lose) and closes it; the sha256 of everything written. */
  async finish(durable = true): Promise<string> {
    if (this.handle) {
      try {
        if (durable) await this.handle.sync();
      } finally {
        await this.handle.close();
        this.handle = null;
      }
      this.digest = this.hash.digest('hex');
    }
    return this.digest!;
  }

  async commit(): Promise<void> {
    await this.finish();
    await rename(this.path, this.target);
    const directory = await open(dirname(this.target), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async discard(): Promise<void> {
    if (this.handle) {
      await this.handle.close().catch(() => undefined);
      this.handle = null;
    }
    await unlink(this.path).catch(() => undefined);
  }
}
