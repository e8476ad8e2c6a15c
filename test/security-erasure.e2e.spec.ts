import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import request from 'supertest';
import { apiAs, expectStatus } from './support/api.js';
import { GoneError, type Role } from '@kenpo/kernel';
import { IndividualNumberVault } from '@kenpo/security';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { dependant, enroll, enrollment, individualNumber } from './support/members.js';

/** AES-256-GCM as the vault seals: iv (12) | tag (16) | body. */
function open(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

describe("crypto-shredding of a member's Individual Numbers (issue 8, domain.md 9: deletion and deletion records)", () => {
  let system: TestBackOffice;
  let memberId: string;
  let dependantId: string;
  const NUMBER = individualNumber(8201);
  const SPOUSE = individualNumber(8202);
  /** The answer with its status asserted; `body` is what it said (the record or the problem). */
  const answered = <A extends { response: Response; data?: unknown; error?: unknown }>(answer: A, status: number) => {
    expect({ url: answer.response.url, status: answer.response.status }).toEqual({ url: answer.response.url, status });
    return { ...answer, body: (answer.data ?? answer.error) as NonNullable<A['data'] | A['error']> };
  };
  const erase = async (role: Role, status: number, reason: string, member = memberId) =>
    answered(
      await (
        await apiAs(system, role)
      ).POST('/members/{memberId}/individual-number/erasure', {
        params: { path: { memberId: member } },
        body: { reason },
      }),
      status,
    );
  const loseEligibility = async (member: string, lastWorkingDay: string) => {
    const lost = await (
      await apiAs(system, 'clerk')
    ).POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId: member } },
      body: { reason: 'retirement', lastWorkingDay },
    });
    expectStatus(lost, 200);
  };
  const erasure = (role: Role, status: number, reason = 'retention period after loss of eligibility ended') =>
    erase(role, status, reason);
  const reveal = async (status: number, personId = 'insured') =>
    answered(
      await (
        await apiAs(system, 'clerk')
      ).POST('/members/{memberId}/individual-number/reveal', {
        params: { path: { memberId } },
        body: { personId, purpose: 'eligibility-loss-notification' },
      }),
      status,
    );
  const masterKey = () =>
    Buffer.from(readFileSync(join(system.dataDir, 'secrets', 'master.key'), 'utf8').trim(), 'hex');
  const wrappedKey = (): Buffer | null => {
    const db = new Database(join(system.dataDir, 'vault.db'), { readonly: true });
    try {
      return (
        db.prepare('SELECT wrapped_key FROM data_keys WHERE member_id = ?').get(memberId) as {
          wrapped_key: Buffer | null;
        }
      ).wrapped_key;
    } finally {
      db.close();
    }
  };
  const enrolledCiphertext = async () => {
    const [enrolled] = (await system.events.readStream(`member-${memberId}`)).filter(
      (e) => e.type === 'MemberEnrolled',
    );
    return (enrolled!.data as { individualNumber: { ciphertext: string } }).individualNumber.ciphertext;
  };
  /** What the history and eligibility answers say about the member. */
  const answers = async () => {
    const [clerk, officer] = [await apiAs(system, 'clerk'), await apiAs(system, 'compliance-officer')];
    const path = { memberId };
    return {
      member: expectStatus(await clerk.GET('/members/{memberId}', { params: { path } }), 200).data,
      events: await system.events.readStream(`member-${memberId}`),
      history: expectStatus(await officer.GET('/compliance/members/{memberId}/events', { params: { path } }), 200).data,
      state: {
        ...expectStatus(
          await officer.GET('/compliance/members/{memberId}/state', {
            params: { path, query: { effectiveOn: '2025-05-01' } },
          }),
          200,
        ).data,
        asOf: 'ignored',
      },
      eligibility: {
        ...expectStatus(
          await officer.GET('/compliance/eligibility', {
            params: { query: { memberId, personId: 'insured', date: '2025-05-01' } },
          }),
          200,
        ).data,
        asOf: 'ignored',
      },
    };
  };

  beforeAll(async () => {
    system = await startTestBackOffice();
    ({ memberId } = await enroll(system, enrollment({ individualNumber: NUMBER })));
    const added = await (
      await apiAs(system, 'clerk')
    ).POST('/members/{memberId}/dependants', {
      params: { path: { memberId } },
      body: dependant({ individualNumber: SPOUSE }),
    });
    dependantId = expectStatus(added, 201).data.dependantId;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('domain.md 9 retention: refuses erasure while the member is covered (422), and to anyone but an admin (403)', async () => {
    const res = await erasure('admin', 422);
    expect((res.body as { violations: unknown }).violations).toEqual([
      expect.objectContaining({ field: 'memberId', rule: 'eligibility_lost' }),
    ]);
    for (const role of ['clerk', 'approver', 'payment-operator', 'compliance-officer'] as Role[])
      await erasure(role, 403);
    // Without the required reason: a body the spec forbids, sent raw.
    await request(system.http)
      .post(`/members/${memberId}/individual-number/erasure`)
      .set({ authorization: `Bearer ${await system.token('admin')}` })
      .send({})
      .expect(400);
    expect(await system.app.get(IndividualNumberVault).isDestroyed(memberId)).toBe(false);
    expect((await reveal(200)).data!.individualNumber).toBe(NUMBER);
  });

  it('after loss of eligibility: destroys the key, records who/what/when/why, and the number is unrecoverable', async () => {
    await loseEligibility(memberId, '2025-06-30');
    const ciphertext = await enrolledCiphertext();
    // Before: master key → data key → number works by hand, which is exactly what the erasure must make impossible.
    const dataKey = open(masterKey(), wrappedKey()!);
    expect(open(dataKey, Buffer.from(ciphertext, 'base64')).toString('utf8')).toBe(NUMBER);
    const before = await answers();

    const created = await erasure('admin', 201);
    expect(created.body).toEqual({
      memberId,
      what: 'individual-numbers-of-member-and-dependants',
      method: 'data-key-destroyed',
      persons: [
        { personId: 'insured', kind: 'insured' },
        { personId: dependantId, kind: 'dependant' },
      ],
      keyDestroyedAt: expect.any(String),
      erasedBy: { id: 'admin-1', role: 'admin' },
      erasedAt: expect.any(String),
      reason: 'retention period after loss of eligibility ended',
      position: expect.any(Number),
    });
    const [record] = await system.events.readStream(`individual-number-erasure-${memberId}`);
    expect(record!.type).toBe('IndividualNumbersErased');
    expect(record!.metadata.actor).toEqual({ id: 'admin-1', role: 'admin' });
    expect(JSON.stringify(record)).not.toContain(NUMBER);
    expect(JSON.stringify(record)).not.toContain(SPOUSE);

    // Re-sending is a no-op that answers the same record; compliance can read it.
    expect((await erasure('admin', 200, 'another reason')).body).toEqual(created.body);
    expect(
      expectStatus(
        await (
          await apiAs(system, 'compliance-officer')
        ).GET('/members/{memberId}/individual-number/erasure', { params: { path: { memberId } } }),
        200,
      ).data,
    ).toEqual(created.body);

    // Reveal answers 410 for everyone of the member, and the attempt is audited.
    expect((await reveal(410)).error!.code).toBe('individual_number_erased');
    await reveal(410, dependantId);
    const refused = (await system.events.readAll({ maxCount: 100_000 })).filter(
      (e) => e.type === 'IndividualNumberRevealRefused',
    );
    expect(refused.at(-1)!.data).toMatchObject({ memberId, personId: dependantId, reason: 'erased' });

    // The old events still hold the ciphertext, and nothing can open it any more.
    expect(await enrolledCiphertext()).toBe(ciphertext);
    const vault = system.app.get(IndividualNumberVault);
    await expect(vault.reveal(memberId, ciphertext)).rejects.toBeInstanceOf(GoneError);
    expect(wrappedKey()).toBeNull();
    expect(() => open(masterKey(), Buffer.from(ciphertext, 'base64'))).toThrow(); // the master key never encrypted numbers
    const vaultFiles = ['vault.db', 'vault.db-wal'].map((f) => join(system.dataDir, f)).filter(existsSync);
    const raw = Buffer.concat(vaultFiles.map((f) => readFileSync(f)));
    expect(raw.includes(dataKey)).toBe(false); // no clear data key either
    expect(raw.includes(NUMBER)).toBe(false);

    // History, state and eligibility answers are unchanged but for the masked numbers, which died with the key
    // (issue 14.1: not even the last digits survive); the history only gains the deletion record (and the audit of
    // the refused reveals above).
    const after = await answers();
    const masked = [`********${NUMBER.slice(-4)}`, `********${SPOUSE.slice(-4)}`];
    const erasedMasks = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll(masked[0]!, '[erased]').replaceAll(masked[1]!, '[erased]'));
    expect(JSON.stringify(before)).toContain(masked[0]);
    expect(JSON.stringify(before)).toContain(masked[1]);
    expect(JSON.stringify(after)).not.toMatch(/\*{8}\d{4}/);
    expect({ ...after, history: null }).toEqual(erasedMasks({ ...before, history: null }));
    expect(after.history.items.slice(0, before.history.items.length)).toEqual(erasedMasks(before.history.items));
    expect(after.history.items.slice(before.history.items.length).map((e: { type: string }) => e.type)).toEqual([
      'IndividualNumbersErased',
      'IndividualNumberRevealRefused',
      'IndividualNumberRevealRefused',
    ]);
  });

  it('refuses erasure of an unknown member (404); the erased member stays erased', async () => {
    await erase('admin', 404, 'retention period ended', `${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`);
    expect(await system.app.get(IndividualNumberVault).isDestroyed(memberId)).toBe(true);
  });

  it('refuses erasure before a recorded loss of eligibility takes effect (422)', async () => {
    const other = await enroll(system, enrollment({ individualNumber: individualNumber(8203) }));
    const lastWorkingDay = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await loseEligibility(other.memberId, lastWorkingDay);
    const res = await erase('admin', 422, 'retention period ended', other.memberId);
    expect(res.error!.violations![0]!.rule).toBe('loss_date_reached');
    expect(await system.app.get(IndividualNumberVault).isDestroyed(other.memberId)).toBe(false);
  });
});
