import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { rotateVaultMasterKey, SqliteIndividualNumberVault } from '@kenpo/security';
import { tempDir } from '@kenpo/testing';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

const OLD_KEY = 'a1'.repeat(32);
const NEW_KEY = 'b2'.repeat(32);

describe('master-key rotation (issue 8: re-wraps the data keys without touching events)', () => {
  const dir = tempDir('kenpo-rotation-');
  afterAll(() => dir.remove());

  const eventFiles = () =>
    ['events.db', 'events.db-wal']
      .map((f) => join(dir.path, f))
      .filter(existsSync)
      .map((f) => readFileSync(f));
  const reveal = async (system: TestBackOffice, memberId: string) =>
    request(system.http)
      .post(`/members/${memberId}/individual-number/reveal`)
      .set('authorization', `Bearer ${await system.token('clerk')}`)
      .send({ personId: 'insured', purpose: 'benefit-claim' });

  it('events stay byte for byte the same, reveal works under the new key, the old key no longer opens the vault', async () => {
    const number = individualNumber(8301);
    const first = await startTestBackOffice({ DATA_DIR: dir.path, MASTER_KEY: OLD_KEY });
    const { memberId } = await enroll(first, enrollment({ individualNumber: number }));
    expect((await reveal(first, memberId)).body.individualNumber).toBe(number);
    const events = await first.events.readAll();
    await first.close();
    const filesBefore = eventFiles();

    // What `npm run rotate-master-key -- --new-key <hex>` runs (with MASTER_KEY set, it leaves the key to the operator).
    expect(
      await rotateVaultMasterKey({ vaultFile: join(dir.path, 'vault.db'), currentKeyHex: OLD_KEY, newKeyHex: NEW_KEY }),
    ).toEqual({ rewrapped: 3 }); // the member's data key, the vault's index key and its request-digest key
    expect(eventFiles()).toEqual(filesBefore);

    expect(() => new SqliteIndividualNumberVault(join(dir.path, 'vault.db'), OLD_KEY)).toThrow(); // (the app would not start)
    const second = await startTestBackOffice({ DATA_DIR: dir.path, MASTER_KEY: NEW_KEY });
    try {
      expect((await second.events.readAll()).slice(0, events.length)).toEqual(events);
      const res = await reveal(second, memberId);
      expect(res.status).toBe(200);
      expect(res.body.individualNumber).toBe(number);
      // The keyed hash is unchanged too: the same number is still recognised as already enrolled.
      const again = await request(second.http)
        .post('/members')
        .set('authorization', `Bearer ${await second.token('clerk')}`)
        .send(enrollment({ individualNumber: number }));
      expect(again.status).toBe(409);
    } finally {
      await second.close();
    }
  });
});
