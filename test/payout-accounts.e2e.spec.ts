import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, type Decider, type Event, japanDateOf, newId } from '@kenpo/kernel';
import { handleCommand } from '@kenpo/event-store';
import { type ApiClient, apiAs, expectStatus, type Schemas } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { recordDeath, registerPublicFundsAccount } from './support/claims.js';
import { enroll, enrollment, individualNumber } from './support/members.js';
import {
  eventually,
  parsedFile,
  payableFilesPerPayout,
  runPayoutsToEnd,
  transferFileBytes,
} from './support/payouts.js';

const today = () => japanDateOf(new Date());
const grant = (): Schemas['ChildbirthGrantDto'] => ({
  kind: 'childbirth-grant',
  birthDate: addDays(today(), -20),
  numberOfBabies: 1,
  obstetricCompensation: true,
});
const bank = (accountNumber: string, holderName: string): Schemas['BankAccountDto'] => ({
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber,
  holderName,
});

/** Issue 13.2 / 13.3 on the payout side, over HTTP: the file pays the account and the payee the claim recorded. */
describe('payouts paid to the account fixed at application and to the payee (issue 13.2, 13.3)', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let approver: ApiClient;
  let operator: ApiClient;
  let seed = 13_800;
  const member = async () =>
    (await enroll(system, enrollment({ individualNumber: individualNumber(seed++), acquisitionDate: '2024-04-01' })))
      .memberId;
  const submit = async (memberId: string, body: Omit<Schemas['SubmitBenefitClaimDto'], 'personId'>) => {
    const submitted = await clerk.POST('/members/{memberId}/benefit-claims', {
      params: { path: { memberId } },
      body: { personId: 'insured', ...body },
    });
    return expectStatus(submitted, 201).data.claimId;
  };
  const approve = async (claimId: string) =>
    expectStatus(
      await approver.POST('/benefit-claims/{claimId}/approval', { params: { path: { claimId } }, body: {} }),
      200,
    );
  const claim = async (memberId: string, body: Omit<Schemas['SubmitBenefitClaimDto'], 'personId'>) => {
    const claimId = await submit(memberId, body);
    await approve(claimId);
    return claimId;
  };
  const payout = async (payoutId: string) =>
    (await operator.GET('/payouts/{payoutId}', { params: { path: { payoutId } } })).data;
  const scheduled = (id: string) =>
    eventually(async () => ((await payout(id))?.status ? payout(id) : null), `payout ${id} to be scheduled`);
  const runToEnd = async () => {
    const { runId } = await runPayoutsToEnd(operator);
    return { runId, records: parsedFile((await transferFileBytes(operator, runId)).bytes).records };
  };

  const ids = { fixed: '', burial: '', heir: '', agent: '', deceased: '', legacy: '' };
  const members = { deceased: '' };

  beforeAll(async () => {
    system = await startTestBackOffice({ PAYOUT_CRON: '0 0 1 1 *', RATE_LIMIT_PER_MINUTE: '0' });
    [clerk, approver, operator] = [
      await apiAs(system, 'clerk'),
      await apiAs(system, 'approver'),
      await apiAs(system, 'payment-operator'),
    ];

    // Account fixed at application: the member changes the 公金受取口座 after submitting.
    const fixedMember = await member();
    await registerPublicFundsAccount(system, fixedMember, '1111111');
    ids.fixed = await submit(fixedMember, { benefit: grant(), payment: { method: 'public-funds' } });
    await registerPublicFundsAccount(system, fixedMember, '2222222');
    await approve(ids.fixed);

    // 埋葬料 to the person who performed the burial, into their account.
    const burialMember = await member();
    const dateOfDeath = addDays(today(), -10);
    await recordDeath(system, burialMember, dateOfDeath);
    ids.burial = await claim(burialMember, {
      benefit: { kind: 'burial-allowance', dateOfDeath },
      payee: { kind: 'burial-performer', name: 'スズキ イチロウ', relationship: 'brother' },
      payment: { method: 'account', account: bank('3030303', 'スズキ イチロウ') },
    });

    // After the death, a benefit left unpaid is claimed by an heir, into the heir's account.
    ids.heir = await claim(burialMember, {
      benefit: grant(),
      payee: { kind: 'heir', name: 'スズキ ジロウ', relationship: 'child' },
      payment: { method: 'account', account: bank('8080808', 'スズキ ジロウ') },
    });
    // The employer as 給付金受領代理人, into the account written on the claim.
    ids.agent = await claim(await member(), {
      benefit: grant(),
      payee: { kind: 'receiving-agent', name: 'ケンポ ショウジ' },
      payment: { method: 'account', account: bank('9090909', 'ケンポ ショウジ') },
    });

    // Applied while alive with the 公金受取口座; the insured dies before the run.
    members.deceased = await member();
    await registerPublicFundsAccount(system, members.deceased, '4444444');
    ids.deceased = await claim(members.deceased, { benefit: grant(), payment: { method: 'public-funds' } });
    await recordDeath(system, members.deceased, addDays(today(), -1));

    // A claim recorded before accounts were fixed (its events as they were written then: no payTo).
    const legacyMember = await member();
    await registerPublicFundsAccount(system, legacyMember, '5555555');
    ids.legacy = await legacyClaim(system, legacyMember, () =>
      registerPublicFundsAccount(system, legacyMember, '6666666'),
    );

    for (const id of Object.values(ids)) await scheduled(id);
  });
  afterAll(async () => {
    await system?.close();
  });

  it('the file pays the account fixed at application, the burial performer, an heir, an employer agent, and an old claim’s account at its submission', async () => {
    const { runId, records } = await runToEnd();
    const accounts = records.map((r) => r.accountNumber).sort();
    expect(accounts).toEqual(['1111111', '3030303', '5555555', '8080808', '9090909']);
    expect(await payout(ids.heir)).toMatchObject({
      status: 'instructed',
      payee: { kind: 'heir', name: 'スズキ ジロウ' },
    });
    expect(await payout(ids.agent)).toMatchObject({ status: 'instructed', payee: { kind: 'receiving-agent' } });
    expect(records.find((r) => r.accountNumber === '3030303')).toMatchObject({
      holderName: 'ｽｽﾞｷ ｲﾁﾛｳ',
      amount: 50_000,
    });
    expect(await payout(ids.burial)).toMatchObject({
      status: 'instructed',
      runId,
      accountSource: 'claim',
      payee: { kind: 'burial-performer', name: 'スズキ イチロウ' },
    });
    expect(await payout(ids.fixed)).toMatchObject({
      accountSource: 'public-funds',
      account: { accountNumber: '***1111' },
    });
  });

  it('issue 13.3: a deceased insured’s 公金受取口座 is never used after the death: held until a clerk gives the heirs’ account', async () => {
    expect(await payout(ids.deceased)).toMatchObject({ status: 'held', hold: { reason: 'payee_deceased' } });
    const files = await payableFilesPerPayout(system.events);
    expect(files.get(ids.deceased)).toBeUndefined();
    const { revision } = (await payout(ids.deceased))!;
    const given = await clerk.PUT('/payouts/{payoutId}/account', {
      params: { path: { payoutId: ids.deceased }, header: { 'If-Match': `"${revision}"` } },
      body: { ...bank('7070707', 'ヤマダ ハナコ'), reason: 'heir (spouse) account, inheritance documents received' },
    });
    expectStatus(given, 200);
    const { records } = await runToEnd();
    expect(records).toEqual([
      expect.objectContaining({ accountNumber: '7070707', holderName: 'ﾔﾏﾀﾞ ﾊﾅｺ', amount: 500_000 }),
    ]);
    const stream = await system.events.readStream(`payout-${ids.deceased}`);
    const replaced = stream.find((e) => e.type === 'PayoutAccountReplaced')!;
    expect(replaced.metadata).toMatchObject({ actor: { id: 'clerk-1', role: 'clerk' }, reason: expect.any(String) });
    for (const runs of (await payableFilesPerPayout(system.events)).values()) expect(runs).toHaveLength(1);
  });
});

/** Writes a claim's events as recorded before accounts were fixed at application; `between` runs after submission. */
async function legacyClaim(system: TestBackOffice, memberId: string, between: () => Promise<void>): Promise<string> {
  const claimId = newId();
  const write = async (event: Event, actor: { id: string; role: 'clerk' | 'approver' }) => {
    const decider: Decider<null, never, Event> = {
      decide: () => [event],
      evolve: () => null,
      initialState: () => null,
    };
    const id = newId();
    await handleCommand(system.events, `claim-${claimId}`, decider, {
      type: 'x',
      data: {},
      metadata: { commandId: id, correlationId: id, actor, now: new Date().toISOString() },
    } as never);
  };
  const identity = { claimId, memberId, personId: 'insured', kind: 'childbirth-grant' };
  await write(
    {
      type: 'BenefitClaimSubmitted',
      data: {
        ...identity,
        origin: 'claim',
        submittedOn: today(),
        submittedBy: 'clerk-old',
        benefit: grant(),
        coverage: { covered: true },
        insuredEventDate: addDays(today(), -20),
        limitation: { startsOn: addDays(today(), -19), expiresOn: addDays(today(), 700) },
        payment: { method: 'public-funds' },
        amount: 500_000,
        breakdown: { calculator: 'test', inputs: {}, references: [], steps: [], notes: [] },
      },
    },
    { id: 'clerk-old', role: 'clerk' },
  );
  await between();
  await write(
    {
      type: 'BenefitClaimApproved',
      data: {
        ...identity,
        amount: 500_000,
        payment: { method: 'public-funds' },
        approvedBy: 'approver-old',
        approvedOn: today(),
      },
    },
    { id: 'approver-old', role: 'approver' },
  );
  return claimId;
}
