import { afterEach, describe, expect, it } from '@jest/globals';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeNotifier } from './change-notifier.js';
import { waitFor } from './event-store.contract-helpers.js';
import { tempDir, type TempDir } from './temp-dir.spec-helper.js';

// Long enough that only a file event can wake a waiter here; the fallback tick is not under test.
const NO_FALLBACK_MS = 600_000;
// Time for an unwanted wake-up to show. A loaded machine may deliver it later, which can only let a test pass that
// should fail, never the reverse; the wanted wake-ups are waited for without a deadline of their own.
const SETTLE_MS = 150;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('ChangeNotifier: other processes’ commits are seen through the log’s WAL file alone', () => {
  let dir: TempDir;
  let notifier: ChangeNotifier;
  const open = () => {
    dir = tempDir('kenpo-notifier-');
    const file = join(dir.path, 'events.db');
    notifier = new ChangeNotifier(file, NO_FALLBACK_MS);
    return { wal: `${file}-wal`, sibling: join(dir.path, 'read-models.db-wal') };
  };
  /** Writes to `file` until the notifier has woken (its sequence moved past `from`). */
  const wakesOn = async (file: string, from = notifier.sequence) => {
    appendFileSync(file, 'frame');
    await waitFor(() => notifier.sequence > from, 10_000, `a wake-up after writing ${file}`);
  };

  afterEach(() => {
    notifier.close();
    dir.remove();
  });

  it('watches the WAL itself: wakes on its writes, not on those to the other files beside it', async () => {
    const { wal, sibling } = open();
    writeFileSync(wal, '');
    writeFileSync(sibling, '');
    notifier.retain();
    expect(notifier.watchedPath).toBe(wal);

    appendFileSync(sibling, 'a read model commit');
    writeFileSync(join(dir.path, 'app.log'), 'a log line\n');
    await settle();
    expect(notifier.sequence).toBe(0);

    await wakesOn(wal);
  });

  it('watches the directory while the WAL does not exist yet, then the WAL alone once it does', async () => {
    const { wal, sibling } = open();
    notifier.retain();
    expect(notifier.watchedPath).toBe(dir.path);

    await wakesOn(wal); // created: the directory watch sees it and moves to the file
    await settle();
    expect(notifier.watchedPath).toBe(wal);
    const seen = notifier.sequence;
    appendFileSync(sibling, 'a read model commit');
    await settle();
    expect(notifier.sequence).toBe(seen);

    await wakesOn(wal);
  });

  it('keeps waking after the WAL is deleted and created again', async () => {
    const { wal } = open();
    writeFileSync(wal, '');
    notifier.retain();
    await wakesOn(wal);

    rmSync(wal);
    await settle();
    expect(notifier.watchedPath).toBe(dir.path);
    await wakesOn(wal);
    await settle();
    expect(notifier.watchedPath).toBe(wal);
    await wakesOn(wal);
  });

  it('stops watching once the last subscription lets go', async () => {
    const { wal } = open();
    writeFileSync(wal, '');
    notifier.retain();
    notifier.retain();
    notifier.release();
    await wakesOn(wal); // one still holds it

    notifier.release();
    expect(notifier.watchedPath).toBeUndefined();
    await settle();
    const seen = notifier.sequence;
    appendFileSync(wal, 'frame');
    await settle();
    expect(notifier.sequence).toBe(seen);
  });
});
