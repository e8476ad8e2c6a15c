import { describe, expect, it } from '@jest/globals';
import type { ClaimCommand, SubmitBenefitClaim } from './claim.commands.js';
import { createClaimDecider } from './claim.decide.js';
import type { BenefitClaimSubmitted, ClaimEvent } from './claim.events.js';
import type { BenefitInput, Coverage, PaymentInstruction } from './claim.types.js';
import { INSURED_PAYEE, type Payee } from './pay-to.js';
import { approver, clerk, clerk2, meta } from './test-support/commands.js';
import { scenario } from './test-support/given.js';

const decider = createClaimDecider();
const { given } = scenario(decider);
const claimId = 'c-1';
const covered: Coverage = { covered: true };
const account: PaymentInstruction = {
  method: 'account',
  account: {
    bankCode: '0001',
    branchCode: '001',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderName: 'ヤマダ タロウ',
  },
};

const fixedAccount = { ...(account as { account: object }).account, holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ' };
const burialPerformer: Payee = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' };
const deceased = { publicFundsAccount: fixedAccount as never, insuredDiedOn: '2025-05-20' };

const birth = (birthDate = '2025-04-01'): BenefitInput => ({
  kind: 'childbirth-grant',
  birthDate,
  numberOfBabies: 1,
  obstetricCompensation: true,
});
const submit = (over: Partial<SubmitBenefitClaim['data']> = {}, actor = clerk): ClaimCommand => ({
  type: 'SubmitBenefitClaim',
  metadata: meta(actor),
  data: {
    claimId,
    memberId: 'm-1',
    personId: 'insured',
    benefit: birth(),
    payment: { method: 'public-funds' },
    paymentFacts: { publicFundsAccount: account.account, insuredDiedOn: null },
    coverage: covered,
    submittedOn: '2025-06-02',
    ...over,
  },
});
const submitted = (): ClaimEvent[] => given([]).when(submit()).events!;
const command = (type: 'ApproveBenefitClaim' | 'WithdrawBenefitClaim', actor = approver): ClaimCommand =>
  ({ type, metadata: meta(actor), data: { claimId } }) as ClaimCommand;
const reject = (reason: string, actor = approver): ClaimCommand => ({
  type: 'RejectBenefitClaim',
  metadata: meta(actor),
  data: { claimId, reason },
});

describe('benefit claim: submission', () => {
  it("domain.md 4.3: a clerk's claim is calculated at once; the event holds amount and breakdown", () => {
    const [event, ...rest] = given([]).when(submit({ payment: account })).events!;
    expect(rest).toEqual([]);
    const data = (event as BenefitClaimSubmitted).data;
    expect(event!.type).toBe('BenefitClaimSubmitted');
    expect(data).toMatchObject({
      claimId,
      kind: 'childbirth-grant',
      amount: 500_000,
      submittedBy: 'clerk-1',
      insuredEventDate: '2025-04-01',
      limitation: { startsOn: '2025-04-02', expiresOn: '2027-04-02' },
    });
    expect(data.breakdown.references[0]!.table).toBe('CHILDBIRTH_GRANT');
    expect(data.payment).toMatchObject({ method: 'account', account: { holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ' } });
  });

  it('re-sending the submission records nothing', () => {
    expect(given(submitted()).when(submit()).events).toEqual([]);
  });

  it('the same claim id for another claim is a conflict', () => {
    const { error } = given(submitted()).when(submit({ memberId: 'm-2' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'claim_id_in_use' });
  });

  it('domain.md 4.3 coverage: a person not covered on the birth date gets one rejection event naming the rule', () => {
    const { events } = given([]).when(submit({ coverage: { covered: false } }));
    expect(events).toHaveLength(1);
    expect(events![0]).toMatchObject({
      type: 'BenefitClaimRejected',
      data: { stage: 'submission', rule: 'not_covered', claimId, kind: 'childbirth-grant' },
    });
  });

  it('domain.md 4.3 after loss: a birth within 6 months after the loss, insured ≥ 1 year, is payable', () => {
    const afterLoss = {
      lossDate: '2025-01-01',
      continuouslyInsuredSince: '2023-12-01',
      receivingAllowanceAtLoss: false,
    };
    expect(given([]).when(submit({ coverage: { covered: false, afterLoss } })).events![0]!.type).toBe(
      'BenefitClaimSubmitted',
    );
    const late = given([]).when(
      submit({ benefit: birth('2025-07-01'), coverage: { covered: false, afterLoss }, submittedOn: '2025-07-10' }),
    );
    expect(late.events![0]).toMatchObject({ type: 'BenefitClaimRejected', data: { rule: 'after_loss_too_late' } });
    const short = given([]).when(
      submit({ coverage: { covered: false, afterLoss: { ...afterLoss, continuouslyInsuredSince: '2024-01-02' } } }),
    );
    expect(short.events![0]).toMatchObject({
      type: 'BenefitClaimRejected',
      data: { rule: 'after_loss_insured_less_than_one_year' },
    });
  });

  it('domain.md 4.9: the grant lapses 2 years after the day after the birth; submitted on the last day it is paid', () => {
    const onTime = given([]).when(submit({ benefit: birth('2023-04-01'), submittedOn: '2025-04-01' }));
    expect(onTime.events![0]).toMatchObject({ type: 'BenefitClaimSubmitted', data: { amount: 500_000 } });
    const late = given([]).when(submit({ benefit: birth('2023-04-01'), submittedOn: '2025-04-02' }));
    expect(late.events).toHaveLength(1);
    expect(late.events![0]).toMatchObject({ type: 'BenefitClaimRejected', data: { rule: 'limitation_expired' } });
  });

  it('domain.md 4.1 after loss: a sickness allowance continues only with ≥ 1 year insured and receiving at the loss', () => {
    const sickness: BenefitInput = {
      kind: 'sickness-allowance',
      remunerationHistory: [{ month: '2025-04', standardMonthlyRemuneration: 260_000 }],
      daysUnableToWork: [{ from: '2025-04-01', to: '2025-05-10' }],
      claimPeriod: { from: '2025-05-01', to: '2025-05-10' },
      previouslyPaidDays: 0,
    };
    const afterLoss = {
      lossDate: '2025-04-30',
      continuouslyInsuredSince: '2020-04-01',
      receivingAllowanceAtLoss: true,
    };
    expect(
      given([]).when(submit({ benefit: sickness, coverage: { covered: false, afterLoss } })).events![0]!.type,
    ).toBe('BenefitClaimSubmitted');
    const notReceiving = given([]).when(
      submit({
        benefit: sickness,
        coverage: { covered: false, afterLoss: { ...afterLoss, receivingAllowanceAtLoss: false } },
      }),
    );
    expect(notReceiving.events![0]).toMatchObject({ data: { rule: 'after_loss_not_receiving_at_loss' } });
    const voluntary = given([]).when(
      submit({ benefit: sickness, coverage: { covered: true, voluntaryContinuation: true } }),
    );
    expect(voluntary.events![0]).toMatchObject({ data: { rule: 'voluntary_continuation_no_new_allowance' } });
  });

  it('domain.md 4.4 after loss: a death within 3 months after the loss gives the burial allowance', () => {
    const benefit: BenefitInput = { kind: 'burial-allowance', dateOfDeath: '2025-05-20' };
    const afterLoss = (lossDate: string) => ({
      covered: false,
      afterLoss: { lossDate, continuouslyInsuredSince: '2020-01-01', receivingAllowanceAtLoss: false },
    });
    const burial = (coverage: Coverage) =>
      submit({ benefit, coverage, payee: burialPerformer, payment: account, paymentFacts: deceased });
    expect(given([]).when(burial(afterLoss('2025-02-21'))).events![0]!.type).toBe('BenefitClaimSubmitted');
    expect(given([]).when(burial(afterLoss('2025-02-20'))).events![0]).toMatchObject({
      data: { rule: 'after_loss_too_late' },
    });
  });

  it('a claim leaving nothing to pay is rejected with its breakdown', () => {
    const benefit: BenefitInput = {
      kind: 'transport-expenses',
      transportDate: '2025-05-01',
      paidOn: '2025-05-01',
      assessedCost: 0,
      actualCost: 5_000,
    };
    const { events } = given([]).when(submit({ personId: 'dep-1', benefit }));
    expect(events![0]).toMatchObject({
      type: 'BenefitClaimRejected',
      data: { rule: 'nothing_payable', submission: { breakdown: { calculator: 'transport-expenses' } } },
    });
  });

  it('invalid input is refused without an event', () => {
    expect(given([]).when(submit({ personId: 'dep-1' })).error).toMatchObject({
      kind: 'validation',
      violations: [{ field: 'personId', rule: 'insured_only' }],
    });
    expect(given([]).when(submit({ benefit: birth('2025-06-03') })).error).toMatchObject({
      kind: 'validation',
      violations: [{ rule: 'not_yet_claimable' }],
    });
    const badAccount = {
      method: 'account',
      account: { ...(account as { account: object }).account, accountNumber: '12' },
    } as PaymentInstruction;
    expect(given([]).when(submit({ payment: badAccount })).error).toMatchObject({
      violations: [{ field: 'payment.account.accountNumber' }],
    });
  });
});

describe('benefit claim: review', () => {
  it('four-eyes: the submitter cannot approve (422 four_eyes, no event)', () => {
    const { events, error } = given(submitted()).when(command('ApproveBenefitClaim', { ...clerk, role: 'approver' }));
    expect(events).toBeNull();
    expect(error).toMatchObject({ kind: 'rule_violation', code: 'four_eyes' });
  });

  it('four-eyes compares normalised subjects: case, whitespace and full-width forms are the same person', () => {
    for (const id of ['CLERK-1', ' clerk-1 ', 'ｃｌｅｒｋ－１'])
      expect(given(submitted()).when(command('ApproveBenefitClaim', { id, role: 'approver' })).error).toMatchObject({
        code: 'four_eyes',
      });
  });

  it('only an approver decides (issue 13.7: not a clerk, not an admin): 403', () => {
    for (const actor of [clerk2, { id: 'admin-1', role: 'admin' } as const])
      expect(given(submitted()).when(command('ApproveBenefitClaim', actor)).error).toMatchObject({
        kind: 'forbidden',
        code: 'reviewer_role_required',
      });
    expect(given(submitted()).when(reject('no', clerk2)).error).toMatchObject({ kind: 'forbidden' });
  });

  it('another person approves: ready for payout with amount and payment; re-sending records nothing', () => {
    const { events } = given(submitted()).when(command('ApproveBenefitClaim'));
    expect(events).toEqual([
      {
        type: 'BenefitClaimApproved',
        data: {
          claimId,
          memberId: 'm-1',
          personId: 'insured',
          kind: 'childbirth-grant',
          amount: 500_000,
          payment: { method: 'public-funds' },
          payTo: { status: 'fixed', source: 'public-funds', payee: INSURED_PAYEE, account: fixedAccount },
          approvedBy: 'approver-1',
          approvedOn: '2025-06-02',
        },
      },
    ]);
    expect(given([...submitted(), ...events!]).when(command('ApproveBenefitClaim')).events).toEqual([]);
  });

  it('an approver rejects with a reason; an approved claim cannot be rejected or withdrawn', () => {
    expect(given(submitted()).when(reject('receipt missing')).events![0]).toMatchObject({
      type: 'BenefitClaimRejected',
      data: { stage: 'review', message: 'receipt missing' },
    });
    expect(given(submitted()).when(reject(' ')).error).toMatchObject({ kind: 'validation' });
    const approved = [...submitted(), ...given(submitted()).when(command('ApproveBenefitClaim')).events!];
    expect(given(approved).when(reject('late')).error).toMatchObject({ kind: 'conflict', code: 'claim_approved' });
    expect(given(approved).when(command('WithdrawBenefitClaim', clerk)).error).toMatchObject({ kind: 'conflict' });
  });

  it('withdrawal before approval; then no approval', () => {
    const { events } = given(submitted()).when(command('WithdrawBenefitClaim', clerk2));
    expect(events![0]).toMatchObject({ type: 'BenefitClaimWithdrawn', data: { withdrawnBy: 'clerk-2' } });
    const history = [...submitted(), ...events!];
    expect(given(history).when(command('WithdrawBenefitClaim', clerk2)).events).toEqual([]);
    expect(given(history).when(command('ApproveBenefitClaim')).error).toMatchObject({
      kind: 'conflict',
      code: 'claim_withdrawn',
    });
  });

  it('a claim rejected at submission cannot be approved; an unknown claim is not found', () => {
    const rejected = given([]).when(submit({ coverage: { covered: false } })).events!;
    expect(given(rejected).when(command('ApproveBenefitClaim')).error).toMatchObject({
      kind: 'conflict',
      code: 'claim_rejected',
    });
    expect(given(rejected).when(submit({ coverage: { covered: false } })).events).toEqual([]);
    expect(given([]).when(command('ApproveBenefitClaim')).error).toMatchObject({ kind: 'not_found' });
  });
});
