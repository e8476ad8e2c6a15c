import { addDays, type Actor, japanDateOf, newId } from '@kenpo/kernel';
import { handleCommand, type EventStore } from '@kenpo/event-store';
import { evolve, initialState, type MemberEvent } from '@kenpo/membership';
import {
  claimStreamId,
  createClaimDecider,
  type BenefitInput,
  type ClaimCommand,
  type PaymentInstruction,
} from '@kenpo/benefits';
import { parseTransferFile, type ParsedTransferFile } from '@kenpo/payouts';
import iconv from 'iconv-lite';
import { type ApiClient, expectStatus } from './api.js';

const decider = createClaimDecider();
const clerk: Actor = { id: 'clerk-7', role: 'clerk' };
const approver: Actor = { id: 'approver-7', role: 'approver' };
const meta = (actor: Actor) => {
  const id = newId();
  return { commandId: id, correlationId: id, actor, now: new Date().toISOString() };
};

export const claimAccount: PaymentInstruction = {
  method: 'account',
  account: {
    bankCode: '0005',
    branchCode: '123',
    accountType: 'savings',
    accountNumber: '7654321',
    holderName: 'スズキ ハナコ',
  },
};

/** The member's 公金受取口座 as registered now: what a claim opting into public funds records at submission. */
export async function publicFundsAccountOf(events: EventStore, memberId: string) {
  const history = await events.readStreamOrEmpty(`member-${memberId}`);
  return history.reduce((state, e) => evolve(state, e as unknown as MemberEvent), initialState()).account;
}

/** A claim submitted by a clerk and approved by an approver (four-eyes) through the benefits decider. */
export async function approvedClaim(
  events: EventStore,
  memberId: string,
  benefit: BenefitInput,
  payment: PaymentInstruction,
): Promise<string> {
  const claimId = newId();
  const stream = claimStreamId(claimId);
  const submit: ClaimCommand = {
    type: 'SubmitBenefitClaim',
    metadata: meta(clerk),
    data: {
      claimId,
      memberId,
      personId: 'insured',
      benefit,
      payment,
      // 埋葬料 goes to whoever performed the burial (issue 13.3), never the deceased.
      payee:
        benefit.kind === 'burial-allowance'
          ? { kind: 'burial-performer', name: 'スズキ イチロウ', relationship: 'spouse' }
          : null,
      paymentFacts: { publicFundsAccount: await publicFundsAccountOf(events, memberId), insuredDiedOn: null },
      coverage: { covered: true },
    },
  };
  await handleCommand(events, stream, decider, submit);
  const approved = await handleCommand(events, stream, decider, {
    type: 'ApproveBenefitClaim',
    metadata: meta(approver),
    data: { claimId },
  });
  if (approved.events[0]?.type !== 'BenefitClaimApproved')
    throw new Error(`claim not approved: ${JSON.stringify(approved.events)}`);
  return claimId;
}

/** An automatic benefit, approved by rule at once (BenefitClaimApprovedByRule). */
export async function approvedByRule(events: EventStore, memberId: string, amount: number): Promise<string> {
  const claimId = newId();
  const month = japanDateOf(new Date()).slice(0, 7);
  await handleCommand(events, claimStreamId(claimId), decider, {
    type: 'RecordAutomaticBenefit',
    metadata: meta({ id: 'medical-cost-import', role: 'system' }),
    data: {
      claimId,
      preference: { method: 'public-funds' },
      paymentFacts: { publicFundsAccount: await publicFundsAccountOf(events, memberId), insuredDiedOn: null },
      benefit: {
        key: `test:${claimId}`,
        memberId,
        personId: 'insured',
        kind: 'high-cost-medical',
        scope: 'person-month',
        month,
        institution: 'H1',
        setting: 'outpatient',
        rule: 'high-cost',
        amount,
        breakdown: { calculator: 'test', inputs: {}, references: [], steps: [], notes: [] },
      },
    },
  });
  return claimId;
}

const daysAgo = (days: number) => addDays(japanDateOf(new Date()), -days);
export const childbirth = (): BenefitInput => ({
  kind: 'childbirth-grant',
  birthDate: daysAgo(20),
  numberOfBabies: 1,
  obstetricCompensation: true,
});
export const burial = (): BenefitInput => ({ kind: 'burial-allowance', dateOfDeath: daysAgo(10) });

export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The file's bytes as served, read by a payment operator's (or compliance officer's) client. */
export async function transferFileBytes(api: ApiClient, runId: string): Promise<{ bytes: Buffer; sha256: string }> {
  const { data, response } = expectStatus(
    await api.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId } }, parseAs: 'arrayBuffer' }),
    200,
  );
  return { bytes: Buffer.from(data), sha256: String(response.headers.get('x-content-sha256')) };
}

export function parsedFile(bytes: Buffer): ParsedTransferFile {
  return parseTransferFile(iconv.decode(bytes, 'Shift_JIS'));
}

/** How many PayoutInstructed each payout stream holds: exactly-once means 1 for every instructed payout. */
export async function instructionsPerPayout(events: EventStore): Promise<Map<string, string[]>> {
  const counts = new Map<string, string[]>();
  for await (const page of events.readAllPages()) {
    for (const e of page) {
      if (e.type !== 'PayoutInstructed') continue;
      counts.set(e.streamId, [...(counts.get(e.streamId) ?? []), String(e.data.runId)]);
    }
  }
  return counts;
}

/**
 * For each payout, the runs whose file is payable and names it (issue 18: a payout is never in two payable files).
 * Payable: the batch is completed or settled, never voided; judged from the recorded events.
 */
export async function payableFilesPerPayout(events: EventStore): Promise<Map<string, string[]>> {
  const batches = new Map<string, { payoutIds: string[]; status: string }>();
  for await (const page of events.readAllPages()) {
    for (const e of page) {
      if (!e.streamId.startsWith('transfer-batch-')) continue;
      const runId = String(e.data.runId);
      if (e.type === 'TransferBatchCreated')
        batches.set(runId, { payoutIds: e.data.payoutIds as string[], status: 'planned' });
      else if (e.type === 'TransferBatchCompleted' || e.type === 'TransferBatchVoided')
        batches.get(runId)!.status = e.type === 'TransferBatchCompleted' ? 'payable' : 'voided';
    }
  }
  const files = new Map<string, string[]>();
  for (const [runId, { payoutIds, status }] of batches) {
    if (status !== 'payable') continue;
    for (const payoutId of payoutIds) files.set(payoutId, [...(files.get(payoutId) ?? []), runId]);
  }
  return files;
}

/** A payout run started by a payment operator, once its job has completed with a file or nothing to pay. */
export async function runPayoutsToEnd(operator: ApiClient) {
  const runId = expectStatus(await operator.POST('/payout-runs'), 202).data.runId;
  return eventually(async () => {
    const { data } = await operator.GET('/payout-runs/{runId}', { params: { path: { runId } } });
    const done = data?.job?.state === 'completed' && ['created', 'nothing-to-pay'].includes(data.status);
    // (The status test again narrows the answer's type past its `pending` variant.)
    return done && data.status !== 'pending' ? data : null;
  }, `run ${runId} to finish`);
}

/**
 * Issue 13 "nothing is paid twice": a payout run to its end (as a payment operator), then a second one that must find
 * nothing left to transfer; every payout is instructed once at most and named by one payable file at most.
 * Returns what the first run's file pays, record by record, with the payout each record pays.
 */
export async function payEverythingOnce(
  operator: ApiClient,
  events: EventStore,
): Promise<{ runId: string; records: { payoutId: string; accountNumber: string; amount: number }[] }> {
  const run = () => runPayoutsToEnd(operator);
  const first = await run();
  let records: { payoutId: string; accountNumber: string; amount: number }[] = [];
  if (first.status === 'created' && first.count) {
    const parsed = parsedFile((await transferFileBytes(operator, first.runId)).bytes).records;
    const batch = (await events.readStream(`transfer-batch-${first.runId}`)).find(
      (e) => e.type === 'TransferBatchCreated',
    )!;
    // Data record i pays payoutIds[i] (the plan's order).
    const payoutIds = batch.data.payoutIds as string[];
    records = parsed.map((r, i) => ({ payoutId: payoutIds[i]!, accountNumber: r.accountNumber, amount: r.amount }));
  }
  const second = await run();
  if (second.count) throw new Error(`a second run transferred ${second.count} payouts again`);
  for (const [payoutId, runs] of await instructionsPerPayout(events))
    if (runs.length !== 1) throw new Error(`${payoutId} instructed ${runs.length} times (${runs.join(', ')})`);
  for (const [payoutId, runs] of await payableFilesPerPayout(events))
    if (runs.length !== 1) throw new Error(`${payoutId} in ${runs.length} payable files (${runs.join(', ')})`);
  return { runId: first.runId, records };
}
