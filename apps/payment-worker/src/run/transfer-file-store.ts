import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
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

  /** Removes what killed writes left (their temporaries); the files themselves are only ever whole. */
  removeStaleTemporaries(): Promise<string[]> {
    return removeStaleTemporaries(this.directory);
  }

  /**
   * Makes sure the run's file holds exactly `bytes`: written to a temporary file, flushed, renamed over the name
   * and the directory flushed, so a crash leaves either no file, the old file or the whole new one.
   */
  async ensure(runId: string, bytes: Buffer): Promise<'written' | 'present'> {
    const existing = await this.read(runId);
    if (existing && sha256Hex(existing) === sha256Hex(bytes)) return 'present';
    ensurePrivateDir(this.directory); // bank account data: the owner's only (issue 14.3)
    const target = this.pathOf(runId);
    const temporary = temporaryPathFor(target);
    try {
      const handle = await open(temporary, 'w', PRIVATE_FILE_MODE);
      try {
        await handle.chmod(PRIVATE_FILE_MODE); // whatever the umask
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    const directory = await open(this.directory, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return 'written';
  }
}
