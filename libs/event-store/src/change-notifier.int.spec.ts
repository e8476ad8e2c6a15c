import { afterEach, describe, expect, it } from '@jest/globals';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeNotifier } from './change-notifier.js';
import { waitFor } from './event-store.contract-helpers.js';
import { tempDir, type TempDir } from './temp-dir.spec-helper.js';

// The fallback tick only serves waiters (none here: the tests watch the sequence); it also ends the looks that
// follow a WAL write (25, 75 and 175 ms after it), so that they are over once a test settles.
const FALLBACK_MS = 120;
// Time for an unwanted wake-up to show, and for the looks after a write to end. A loaded machine may deliver a wake-up
// later, which can only let a test pass that should fail, never the reverse; the wanted ones are waited for.
const SETTLE_MS = 400;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('ChangeNotifier: other processes’ commits are seen through the log’s WAL file alone', () => {
  let dir: TempDir;
  let notifier: ChangeNotifier;
  const open = () => {
    dir = tempDir('kenpo-notifier-');
    const file = join(dir.path, 'events.db');
    notifier = new ChangeNotifier(file, FALLBACK_MS);
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
    const { wal } = open();
    notifier.retain();
    expect(notifier.watchedPath).toBe(dir.path);

    await wakesOn(wal); // created: the directory watch sees it and moves to the file
    await settle();
    expect(notifier.watchedPath).toBe(wal);
    await wakesOn(wal);
  });

  it('looks again after the last WAL write, further apart each time, for a commit whose sync outlasts one delay', async () => {
    const { wal } = open();
    writeFileSync(wal, '');
    notifier.retain();
    appendFileSync(wal, 'frame');
    // The wake-up on the write, then looks 25, 75 and 175 ms after it (the next would wait 200 ms, beyond the
    // fallback tick's 120), with no other write.
    await waitFor(() => notifier.sequence >= 4, 10_000, 'three more looks after one write');
    await settle();
    expect(notifier.sequence).toBe(4);
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
