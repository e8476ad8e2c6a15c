import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { apiAs, expectProblem, expectStatus } from './support/api.js';
import { tempDir } from '@kenpo/testing';
import { Attacker, candidateSpace, lootFiles } from './support/attacker.js';
import { capturedLogLines, startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { writeLegacyDataDir } from './support/legacy-data-dir.js';
import { redisValues } from './support/leak-scan.js';
import { enrollment, individualNumber } from './support/members.js';

const MASTER_KEY = 'e5'.repeat(32);
const ACTIVE = { memberId: '0196b000-0000-7000-8000-000000000001', number: individualNumber(61_000_001) };
const LOST = { memberId: '0196b000-0000-7000-8000-000000000002', number: individualNumber(62_000_002), lost: true };
const ERASED = {
  memberId: '0196b000-0000-7000-8000-000000000003',
  number: individualNumber(63_000_003),
  lost: true,
  erased: true,
};
const SLICE = 500;

/**
 * Issue 14.1, existing data directories: events written before the upgrade keep a keyed hash and the last four
 * digits (events are never rewritten). The upgrade moves the index into the vault and destroys the legacy hash key,
 * so what remains confirms nothing: about 10^7 candidates per number and no oracle to test them against.
 */
describe('upgrading a data directory that kept keyed hashes in events (issue 14.1)', () => {
  const dir = tempDir('kenpo-legacy-');
  let system: TestBackOffice;
  let legacyHashes: Map<string, string>;

  beforeAll(async () => {
    legacyHashes = await writeLegacyDataDir(dir.path, MASTER_KEY, [ACTIVE, LOST, ERASED]);
    system = await startTestBackOffice({ DATA_DIR: dir.path });
  });
  afterAll(async () => {
    await system?.close();
    dir.remove();
  });

  it('destroys the legacy hash key at start and keeps duplicate detection of active numbers', async () => {
    const vault = new Database(join(dir.path, 'vault.db'), { readonly: true });
    try {
      expect(vault.prepare("SELECT wrapped_key FROM data_keys WHERE member_id = '__hash_key__'").get()).toEqual({
        wrapped_key: null,
      });
      // Indexed: the two members whose keys live, not the one erased before the upgrade.
      const indexed = vault.prepare('SELECT member_id FROM number_index ORDER BY member_id').all();
      expect(indexed).toEqual([{ member_id: ACTIVE.memberId }, { member_id: LOST.memberId }]);
    } finally {
      vault.close();
    }
    const duplicate = await (
      await apiAs(system, 'clerk')
    ).POST('/members', {
      body: enrollment({ individualNumber: ACTIVE.number }),
    });
    expect(expectProblem(duplicate, 409).error.code).toBe('individual_number_covered');
  });

  it('reveals and masks legacy numbers while their keys live', async () => {
    const path = { memberId: LOST.memberId };
    const reveal = await (
      await apiAs(system, 'clerk')
    ).POST('/members/{memberId}/individual-number/reveal', {
      params: { path },
      body: { personId: 'insured', purpose: 'eligibility-loss-notification' },
    });
    expect(expectStatus(reveal, 200).data.individualNumber).toBe(LOST.number);
    const state = await (
      await apiAs(system, 'compliance-officer')
    ).GET('/compliance/members/{memberId}/state', {
      params: { path },
    });
    expect(expectStatus(state, 200).data.persons[0]!.individualNumber).toBe(`********${LOST.number.slice(-4)}`);
  });

  it('after erasing a legacy member, neither its number nor one erased before the upgrade can be confirmed', async () => {
    const erased = await (
      await apiAs(system, 'admin')
    ).POST('/members/{memberId}/individual-number/erasure', {
      params: { path: { memberId: LOST.memberId } },
      body: { reason: 'retention period ended' },
    });
    expectStatus(erased, 201);
    const attacker = new Attacker({
      files: lootFiles(dir.path),
      other: [...(await redisValues(system.redis.url)), { source: 'logs', content: capturedLogLines.join('\n') }],
    });
    // The attacker holds the master key and every key it unwraps, and confirms a number still held...
    expect(attacker.confirms(ACTIVE.number)).toContain('decrypted');
    // ...but none of its keys is the legacy hash key: the hashes it sees in old events and stream names are noise,
    // even for live numbers.
    expect(attacker.sees(legacyHashes.get(ACTIVE.number)!)).toBe(true);
    expect(attacker.sees(legacyHashes.get(ERASED.number)!)).toBe(true);
    for (const key of attacker.keys)
      expect(createHmac('sha256', key).update(ACTIVE.number).digest('hex')).not.toBe(legacyHashes.get(ACTIVE.number));

    for (const { number } of [LOST, ERASED]) {
      const shown = attacker.digitsShown(number);
      expect(shown).toBe(number.slice(-4)); // the legacy events keep them: what remains is documented
      const space = candidateSpace(shown, number, SLICE);
      expect(space.total).toBe(1e7);
      expect(space.slice).toContain(number);
      expect(space.slice.filter((candidate) => attacker.confirms(candidate).length > 0)).toEqual([]);
    }
  });
});
