import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { IndividualNumberVault } from '@kenpo/security';
import { idempotencyRecordKey, IdempotencyRecords } from '../apps/back-office-api/src/commands/idempotency-records.js';
import { apiAs, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, eventCount, individualNumber } from './support/members.js';

const LEASE_MS = 1_000;

describe('Idempotency-Key: records per (subject, key), leases, waiting duplicates (issues 14.9, 18.1)', () => {
  let system: TestBackOffice;
  let redis: Redis;
  beforeAll(async () => {
    system = await startTestBackOffice({
      PROCESS_ROLES: 'api',
      IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      IDEMPOTENCY_WAIT_MS: '5000', // the default: a duplicate past it waits that long (the 409 test)
    });
    redis = new Redis(system.redis.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await system?.close();
  });

  const enrollAs = async (sub: string, key: string, body: Schemas['EnrollMemberDto']) =>
    (await apiAs(system, 'clerk', sub)).POST('/members', { params: { header: { 'Idempotency-Key': key } }, body });

  it("keeps two users' keys apart even when subject and key joined with ':' read the same", async () => {
    const first = await enrollAs('u1', 'a:bcdefgh1', enrollment({ individualNumber: individualNumber(7001) }));
    const second = await enrollAs('u1:a', 'bcdefgh1', enrollment({ individualNumber: individualNumber(7002) }));
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('idempotent-replayed')).toBeNull();
    expect(second.data!.memberId).not.toBe(first.data!.memberId);
  });

  it('stores neither the key nor the subject in clear: Redis keys are hashes', async () => {
    await enrollAs('clerk-key-check', 'visible-key-123', enrollment({ individualNumber: individualNumber(7003) }));
    const keys = await redis.keys('idempotency*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^idempotency:[0-9a-f]{64}$/);
    const all = (await redis.keys('*')).join(' ');
    expect(all).not.toContain('visible-key-123');
    expect(all).not.toContain('clerk-key-check');
  });

  it('answers concurrent duplicates with the first answer once it is there, recording once', async () => {
    const body = enrollment({ individualNumber: individualNumber(7004) });
    const before = await eventCount(system);
    const answers = await Promise.all(Array.from({ length: 5 }, () => enrollAs('clerk-1', 'concurrent-0001', body)));
    expect(answers.map((a) => a.response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.data!.memberId)).size).toBe(1);
    expect(answers.filter((a) => a.response.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    const single = await eventCount(system);
    const again = await enrollAs('clerk-1', 'concurrent-0001', body);
    expect(again.data).toEqual(answers[0]!.data);
    expect(await eventCount(system)).toBe(single);
    expect(single).toBeGreaterThan(before);
  });

  it('a crashed request leaves a lease that runs out: the retry waits for it, then runs the command', async () => {
    const body = enrollment({ individualNumber: individualNumber(7005) });
    // What a process that died mid-request leaves behind: its lease, which nobody renews.
    const key = idempotencyRecordKey('clerk-1', 'crashed-00001');
    const vault = system.app.get(IndividualNumberVault);
    const fingerprint = await vault.requestDigest(`POST /members
${JSON.stringify(body)}`);
    expect(await new IdempotencyRecords(redis).claim(key, fingerprint, LEASE_MS)).not.toBeNull();
    expect(await redis.pttl(key)).toBeLessThanOrEqual(LEASE_MS);
    const retry = await enrollAs('clerk-1', 'crashed-00001', body);
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a duplicate waits a bounded time for the first answer, and only past that bound answers 409', async () => {
    const body = enrollment({ individualNumber: individualNumber(7010) });
    // A first request still running (a lease longer than the wait bound): the duplicate cannot get its answer.
    const key = idempotencyRecordKey('clerk-1', 'still-running-01');
    const fingerprint = await system.app.get(IndividualNumberVault).requestDigest(`POST /members
${JSON.stringify(body)}`);
    expect(await new IdempotencyRecords(redis).claim(key, fingerprint, 60_000)).not.toBeNull();
    const before = await eventCount(system);
    const waited = await enrollAs('clerk-1', 'still-running-01', body);
    expect(waited.response.status).toBe(409);
    expect(waited.response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(waited.error!.code).toBe('idempotency_in_progress');
    expect(await eventCount(system)).toBe(before);
    expect(await redis.pttl(key)).toBeGreaterThan(LEASE_MS); // the duplicate neither took nor broke the lease
  });

  it('the lease of a running request is short, not a day', async () => {
    const body = enrollment({ individualNumber: individualNumber(7006) });
    const key = idempotencyRecordKey('clerk-1', 'lease-ttl-0001');
    let longest = -2;
    const watch = (async () => {
      for (let i = 0; i < 400 && longest < 0; i++) {
        const [value, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
        if (value?.includes('"lease"')) longest = ttl;
        else if (value) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const sent = enrollAs('clerk-1', 'lease-ttl-0001', body);
    await Promise.all([watch, sent]);
    expect((await sent).response.status).toBe(201);
    if (longest >= 0) expect(longest).toBeLessThanOrEqual(LEASE_MS);
    expect(await redis.ttl(key)).toBeGreaterThan(23 * 3600); // the answer is kept for a day
  });

  it('Redis losing its data never makes a retry write twice: the retry answers what was recorded', async () => {
    const body = enrollment({ individualNumber: individualNumber(7007) });
    const first = await enrollAs('clerk-1', 'lost-redis-0001', body);
    expect(first.response.status).toBe(201);
    const recorded = await eventCount(system);
    await redis.flushall();
    const retry = await enrollAs('clerk-1', 'lost-redis-0001', body);
    expect(retry.response.status).toBe(201);
    expect(retry.data!.memberId).toBe(first.data!.memberId);
    expect(retry.data!.revision).toBe(first.data!.revision);
    expect(await eventCount(system)).toBe(recorded);
  });

  it('refuses the same key with another request at once (422), even while the first still runs', async () => {
    const key = 'reused-key-0001';
    const [a, b] = await Promise.all([
      enrollAs('clerk-1', key, enrollment({ individualNumber: individualNumber(7008) })),
      enrollAs('clerk-1', key, enrollment({ individualNumber: individualNumber(7009) })),
    ]);
    expect([a.response.status, b.response.status].sort()).toEqual([201, 422]);
    expect([a, b].find((r) => r.response.status === 422)!.error!.code).toBe('idempotency_key_reused');
  });
});
