import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Role } from '@kenpo/kernel';
import { Attacker, candidateSpace, lootFiles } from './support/attacker.js';
import { capturedLogLines, startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { redisValues } from './support/leak-scan.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

const NUMBER = individualNumber(8401);
const SPOUSE = individualNumber(8402);
const STILL_ACTIVE = individualNumber(55_500_001);
const SLICE = 500;

/**
 * Issue 14.1: after an erasure, whoever copies DATA_DIR (with the development master key in secrets/), Redis and the
 * logs must not be able to confirm the erased numbers with less work than breaking a destroyed 256-bit key.
 */
describe('erasure holds against an offline attacker with everything left on disk (issue 14.1)', () => {
  let system: TestBackOffice;
  let attacker: Attacker;
  /** The requests the attacker can rebuild around a guessed number from the events (every other field is there). */
  const requests: ((number: string) => string)[] = [];
  const as = async (role: Role) => ({ authorization: `Bearer ${await system.token(role)}` });
  const send = async (path: string, body: object, role: Role, status: number, key?: string) => {
    const res = await request(system.http)
      .post(path)
      .set({ ...(await as(role)), ...(key ? { 'idempotency-key': key } : {}) })
      .send(body);
    if (res.status !== status)
      throw new Error(`${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const memberView = async (memberId: string) =>
    (
      await request(system.http)
        .get(`/members/${memberId}`)
        .set(await as('clerk'))
    ).body;

  beforeAll(async () => {
    system = await startTestBackOffice();
    const body = enrollment({ individualNumber: NUMBER });
    const { memberId } = (await send('/members', body, 'clerk', 201, 'attack-enrollment-1')).body;
    requests.push((n) => `POST /members\n${JSON.stringify({ ...body, individualNumber: n })}`);
    const spouse = dependant({ individualNumber: SPOUSE });
    await send(`/members/${memberId}/dependants`, spouse, 'clerk', 201, 'attack-dependant-1');
    requests.push((n) => `POST /members/${memberId}/dependants\n${JSON.stringify({ ...spouse, individualNumber: n })}`);
    await send('/members', enrollment({ individualNumber: STILL_ACTIVE, name: '佐藤 次郎' }), 'clerk', 201);
    // A refused duplicate leaves nothing of the number behind either.
    await send('/members', { ...body, name: '重複 太郎' }, 'clerk', 409, 'attack-duplicate-1');
    requests.push((n) => `POST /members\n${JSON.stringify({ ...body, name: '重複 太郎', individualNumber: n })}`);
    const purpose = { personId: 'insured', purpose: 'eligibility-loss-notification' };
    expect(
      (await send(`/members/${memberId}/individual-number/reveal`, purpose, 'clerk', 200)).body.individualNumber,
    ).toBe(NUMBER);
    expect((await memberView(memberId)).insured.individualNumber).toBe(`********${NUMBER.slice(-4)}`);

    await send(
      `/members/${memberId}/loss-of-eligibility`,
      { reason: 'retirement', lastWorkingDay: '2025-06-30' },
      'clerk',
      200,
    );
    await send(`/members/${memberId}/individual-number/erasure`, { reason: 'retention period ended' }, 'admin', 201);
    const after = await memberView(memberId);
    expect([after.insured.individualNumber, after.dependants[0].individualNumber]).toEqual(['[erased]', '[erased]']);

    attacker = new Attacker({
      files: lootFiles(system.dataDir),
      other: [...(await redisValues(system.redis.url)), { source: 'logs', content: capturedLogLines.join('\n') }],
    });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('the attacker is able: with the development master key it unwraps keys and confirms a number still held', () => {
    expect(attacker.keys.length).toBeGreaterThanOrEqual(3); // master key, the vault's keys, the active member's key
    expect(attacker.confirms(STILL_ACTIVE)).toContain('decrypted');
  });

  it.each([
    ['insured', NUMBER],
    ['dependant', SPOUSE],
  ])('no digit of the erased %s number is left, and no candidate of the space can be confirmed', (_who, number) => {
    const shown = attacker.digitsShown(number);
    expect(shown).toBe(''); // not even a masked ********1234 or a last-four field
    const space = candidateSpace(shown, number, SLICE);
    expect(space.total).toBe(1e11);
    expect(space.slice).toContain(number);
    expect(space.slice.length).toBe(SLICE);
    const confirmed = space.slice.filter((candidate) => attacker.confirms(candidate, requests).length > 0);
    expect(confirmed).toEqual([]);
  });
});
