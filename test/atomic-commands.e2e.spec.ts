import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiClient, apiAs } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount, highCostRecord, submitClaim } from './support/claims.js';
import { dependant, enroll, enrollment, eventCount, individualNumber } from './support/members.js';
import { failBetweenStreams, type StoreFault } from './support/store-faults.js';

/** Issue 18.3: a command that writes to several streams writes all of them or none. */
describe('multi-stream commands are atomic (issue 18.3)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let fault: StoreFault | undefined;
  let seed = 41_000;
  const allocations = async (symbol: string) => {
    try {
      return (await system.events.readStream(`insured-numbers-${symbol}`)).map((e) => e.data as { number: string });
    } catch {
      return [];
    }
  };
  const member = (symbol = '5001') =>
    enroll(system, enrollment({ individualNumber: individualNumber(seed++), symbol, acquisitionDate: '2024-04-01' }));
  const jobChange = (memberId: string, symbol: string, header: { 'If-Match'?: string; 'Idempotency-Key'?: string }) =>
    clerk.POST('/members/{memberId}/job-changes', {
      params: { path: { memberId }, header },
      body: { withinSociety: true, officeCode: 'OFF-9', symbol, effectiveDate: '2025-01-01' },
    });

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await apiAs(system, 'clerk');
  }, 120_000);
  afterEach(() => {
    fault?.restore();
    fault = undefined;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('a job change refused for a stale If-Match allocates no 番号', async () => {
    const { memberId, revision } = await member();
    const before = await eventCount(system);
    const res = await jobChange(memberId, '5101', { 'If-Match': `"${revision + 5}"` });
    expect(res.response.status).toBe(409);
    expect(res.error?.code).toBe('stale_revision');
    expect(await allocations('5101')).toEqual([]);
    expect(await eventCount(system)).toBe(before);
  });

  it('a job change refused by a rule allocates no 番号', async () => {
    const { memberId } = await member();
    const before = await eventCount(system);
    const { response } = await clerk.POST('/members/{memberId}/job-changes', {
      params: { path: { memberId } },
      body: { withinSociety: true, officeCode: 'OFF-9', symbol: '5102', effectiveDate: '2020-01-01' },
    });
    expect(response.status).toBe(422);
    expect(await allocations('5102')).toEqual([]);
    expect(await eventCount(system)).toBe(before);
  });

  it('a job change failing between the allocation and the member event writes neither; the retry writes both once', async () => {
    const { memberId } = await member();
    const before = await eventCount(system);
    fault = failBetweenStreams(system.events);
    const failed = await jobChange(memberId, '5103', { 'Idempotency-Key': `job-${memberId}` });
    expect(failed.response.status).toBe(500);
    expect(fault.tripped).toBe(1);
    expect(await allocations('5103')).toEqual([]);
    expect(await eventCount(system)).toBe(before);

    fault.restore();
    fault = undefined;
    const retried = await jobChange(memberId, '5103', { 'Idempotency-Key': `job-${memberId}` });
    expect(retried.response.status).toBe(200);
    expect(await allocations('5103')).toEqual([expect.objectContaining({ number: '1' })]);
    const moved = (await system.events.readStream(`member-${memberId}`)).find((e) => e.type === 'MemberTransferred');
    expect(moved?.data).toMatchObject({ symbol: '5103', number: '1' });
  });

  it('an enrollment failing between its streams writes none of them', async () => {
    const before = await eventCount(system);
    fault = failBetweenStreams(system.events);
    const res = await clerk.POST('/members', {
      body: enrollment({ individualNumber: individualNumber(seed++), symbol: '5104' }),
    });
    expect(res.response.status).toBe(500);
    expect(fault.tripped).toBe(1);
    expect(await allocations('5104')).toEqual([]);
    expect(await eventCount(system)).toBe(before);
  });

  it('medical cost records failing between two claim streams record no claim', async () => {
    const { memberId } = await member();
    const before = await eventCount(system);
    fault = failBetweenStreams(system.events);
    // 高額療養費 and 付加給付 for one receipt: two claim streams.
    const res = await clerk.POST('/medical-cost-records', { body: { records: [highCostRecord(memberId)] } });
    expect(res.response.status).toBe(500);
    expect(fault.tripped).toBe(1);
    expect(await eventCount(system)).toBe(before);
  });

  it('a dependant recognition failing between the number claim and the member event writes neither', async () => {
    const { memberId } = await member();
    const before = await eventCount(system);
    fault = failBetweenStreams(system.events);
    const res = await clerk.POST('/members/{memberId}/dependants', {
      params: { path: { memberId } },
      body: dependant({ individualNumber: individualNumber(seed++), recognizedFrom: '2024-04-01' }),
    });
    expect(res.response.status).toBe(500);
    expect(fault.tripped).toBe(1);
    expect(await eventCount(system)).toBe(before);
  });

  it('a claim approval failing between the benefit registry and the claim writes neither', async () => {
    const { memberId } = await member();
    const claimId = await submitClaim(clerk, memberId, {
      personId: 'insured',
      payment: { method: 'account', account: claimAccount },
      benefit: {
        kind: 'sickness-allowance',
        daysUnableToWork: [{ from: '2025-03-01', to: '2025-03-20' }],
        claimPeriod: { from: '2025-03-01', to: '2025-03-20' },
        previouslyPaidDays: 0,
      },
    });
    const approver = await apiAs(system, 'approver');
    const before = await eventCount(system);
    fault = failBetweenStreams(system.events);
    const res = (await approver.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} }))
      .response;
    expect(res.status).toBe(500);
    expect(fault.tripped).toBe(1);
    expect(await eventCount(system)).toBe(before);
  });

  // EventStoreDB has no multi-stream transaction: the allocation can be left behind by a failed write, and the retry
  // must complete the command with it (EventStore.appendMany describes the choice).
  it('without multi-stream transactions, the retry of a job change reuses the 番号 its failed attempt allocated', async () => {
    const { memberId } = await member();
    fault = failBetweenStreams(system.events, { sequential: true });
    const failed = await jobChange(memberId, '5105', { 'Idempotency-Key': `job-seq-${memberId}` });
    expect(failed.response.status).toBe(500);
    expect(await allocations('5105')).toHaveLength(1);
    expect((await system.events.readStream(`member-${memberId}`)).some((e) => e.type === 'MemberTransferred')).toBe(
      false,
    );

    fault.restore();
    fault = undefined;
    const other = await member();
    const retried = await jobChange(memberId, '5105', { 'Idempotency-Key': `job-seq-${memberId}` });
    expect(retried.response.status).toBe(200);
    expect((await jobChange(other.memberId, '5105', {})).response.status).toBe(200);
    // One allocation per member: the retry took the number its first attempt allocated, the next member the next one.
    expect(await allocations('5105')).toEqual([
      expect.objectContaining({ number: '1', memberId }),
      expect.objectContaining({ number: '2', memberId: other.memberId }),
    ]);
  });
});
