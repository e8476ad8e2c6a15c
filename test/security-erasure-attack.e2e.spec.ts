import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
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
  let clerk: ApiClient;
  const memberView = async (memberId: string) =>
    expectStatus(await clerk.GET('/members/{memberId}', { params: { path: { memberId } } }), 200).data;

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await apiAs(system, 'clerk');
    const keyed = (key: string) => ({ header: { 'Idempotency-Key': key } });
    const body = enrollment({ individualNumber: NUMBER });
    const enrolled = await clerk.POST('/members', { params: keyed('attack-enrollment-1'), body });
    const { memberId } = expectStatus(enrolled, 201).data;
    requests.push((n) => `POST /members\n${JSON.stringify({ ...body, individualNumber: n })}`);
    const spouse = dependant({ individualNumber: SPOUSE });
    const added = await clerk.POST('/members/{memberId}/dependants', {
      params: { path: { memberId }, ...keyed('attack-dependant-1') },
      body: spouse,
    });
    expectStatus(added, 201);
    requests.push((n) => `POST /members/${memberId}/dependants\n${JSON.stringify({ ...spouse, individualNumber: n })}`);
    const other = await clerk.POST('/members', {
      body: enrollment({ individualNumber: STILL_ACTIVE, name: '佐藤 次郎' }),
    });
    expectStatus(other, 201);
    // A refused duplicate leaves nothing of the number behind either.
    const duplicate = await clerk.POST('/members', {
      params: keyed('attack-duplicate-1'),
      body: { ...body, name: '重複 太郎' },
    });
    expectProblem(duplicate, 409);
    requests.push((n) => `POST /members\n${JSON.stringify({ ...body, name: '重複 太郎', individualNumber: n })}`);
    const path = { memberId };
    const revealed = await clerk.POST('/members/{memberId}/individual-number/reveal', {
      params: { path },
      body: { personId: 'insured', purpose: 'eligibility-loss-notification' },
    });
    expect(expectStatus(revealed, 200).data.individualNumber).toBe(NUMBER);
    expect((await memberView(memberId)).insured!.individualNumber).toBe(`********${NUMBER.slice(-4)}`);

    const lost = await clerk.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path },
      body: { reason: 'retirement', lastWorkingDay: '2025-06-30' },
    });
    expectStatus(lost, 200);
    const erased = await (
      await apiAs(system, 'admin')
    ).POST('/members/{memberId}/individual-number/erasure', {
      params: { path },
      body: { reason: 'retention period ended' },
    });
    expectStatus(erased, 201);
    const after = await memberView(memberId);
    expect([after.insured!.individualNumber, after.dependants[0]!.individualNumber]).toEqual(['[erased]', '[erased]']);

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
