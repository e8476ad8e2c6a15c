import { describe, expect, it } from '@jest/globals';
import type { ClaimCommand, SubmitBenefitClaim } from '../claim.commands.js';
import { createClaimDecider } from '../claim.decide.js';
import type { ClaimEvent } from '../claim.events.js';
import type { BankAccount, BenefitInput, PaymentInstruction } from '../claim.types.js';
import { INSURED_PAYEE, payeeKey, payToOf, type Payee } from '../pay-to.js';
import { approver, clerk, meta } from '../test-support/commands.js';
import { scenario } from '../test-support/given.js';
import { automaticPayTo } from './pay-to.js';

const { given } = scenario(createClaimDecider());
const registered: BankAccount = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary',
  accountNumber: '1111111',
  holderName: 'ヤマダ タロウ',
};
const written: PaymentInstruction = {
  method: 'account',
  account: { ...registered, accountNumber: '2222222', holderName: 'ヤマダ ハナコ' },
};
const burial: BenefitInput = { kind: 'burial-allowance', dateOfDeath: '2025-05-20' };
const grant: BenefitInput = {
  kind: 'childbirth-grant',
  birthDate: '2025-04-01',
  numberOfBabies: 1,
  obstetricCompensation: true,
};
const performer: Payee = { kind: 'burial-performer', name: 'ヤマダ ハナコ', relationship: 'spouse' };

const submit = (over: Partial<SubmitBenefitClaim['data']>): ClaimCommand => ({
  type: 'SubmitBenefitClaim',
  metadata: meta(clerk),
  data: {
    claimId: 'c-1',
    memberId: 'm-1',
    personId: 'insured',
    benefit: grant,
    payment: { method: 'public-funds' },
    paymentFacts: { publicFundsAccount: registered, insuredDiedOn: null },
    coverage: { covered: true },
    submittedOn: '2025-06-02',
    ...over,
  },
});
const payToOfFirst = (events: ClaimEvent[] | null) => (events![0]!.data as { payTo: unknown }).payTo;

describe('payee and account fixed at application (issue 13.2, 13.3; domain.md 7)', () => {
  it('public funds: the account registered at submission is recorded, in Zengin form, and carried by the approval', () => {
    const submitted = given([]).when(submit({})).events!;
    expect(payToOfFirst(submitted)).toEqual({
      status: 'fixed',
      payee: INSURED_PAYEE,
      source: 'public-funds',
      account: { ...registered, holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ' },
    });
    const approved = given(submitted).when({
      type: 'ApproveBenefitClaim',
      metadata: meta(approver),
      data: { claimId: 'c-1' },
    });
    expect(payToOfFirst(approved.events)).toEqual(payToOfFirst(submitted));
  });

  it('the account written on the claim is recorded as the claim source', () => {
    expect(payToOfFirst(given([]).when(submit({ payment: written })).events)).toMatchObject({
      status: 'fixed',
      source: 'claim',
      account: { accountNumber: '2222222', holderNameZengin: 'ﾔﾏﾀﾞ ﾊﾅｺ' },
    });
  });

  it('public funds without a registered account: 422, nothing recorded', () => {
    const { error } = given([]).when(submit({ paymentFacts: { publicFundsAccount: null, insuredDiedOn: null } }));
    expect(error).toMatchObject({ kind: 'rule_violation', code: 'public_funds_account_registered' });
  });

  it('domain.md 4.4: 埋葬料 names the burial performer and is paid to their account, never the deceased', () => {
    const deceased = { publicFundsAccount: registered, insuredDiedOn: '2025-05-20' };
    const ok = given([]).when(submit({ benefit: burial, payee: performer, payment: written, paymentFacts: deceased }));
    expect(payToOfFirst(ok.events)).toMatchObject({ payee: performer, source: 'claim' });
    expect(given([]).when(submit({ benefit: burial, payment: written, paymentFacts: deceased })).error).toMatchObject({
      code: 'burial_performer',
    });
    const intoDeceasedAccount = submit({ benefit: burial, payee: performer, paymentFacts: deceased });
    expect(given([]).when(intoDeceasedAccount).error).toMatchObject({ code: 'public_funds_own_account' });
  });

  it("after the insured's death other benefits go to heirs, into an account on the claim", () => {
    const deceased = { publicFundsAccount: registered, insuredDiedOn: '2025-05-20' };
    expect(given([]).when(submit({ paymentFacts: deceased, payment: written })).error).toMatchObject({
      code: 'payee_deceased',
    });
    const heir: Payee = { kind: 'heir', name: 'ヤマダ ジロウ', relationship: 'child' };
    expect(given([]).when(submit({ paymentFacts: deceased, payee: heir })).error).toMatchObject({
      code: 'public_funds_own_account',
    });
    const ok = given([]).when(submit({ paymentFacts: deceased, payee: heir, payment: written }));
    expect(payToOfFirst(ok.events)).toMatchObject({ payee: heir, source: 'claim' });
    expect(given([]).when(submit({ payee: heir, payment: written })).error).toMatchObject({ code: 'insured_alive' });
  });

  it("an employer's 給付金受領代理人 is named and paid into the account on the claim", () => {
    const agent: Payee = { kind: 'receiving-agent', name: '株式会社ケンポ', relationship: null };
    expect(payToOfFirst(given([]).when(submit({ payee: agent, payment: written })).events)).toMatchObject({
      payee: agent,
      source: 'claim',
    });
    expect(given([]).when(submit({ payee: { ...agent, name: ' ' } })).error).toMatchObject({ kind: 'validation' });
  });

  it('automatic benefits follow the preference; none, none registered, or a death leave them pending with a reason', () => {
    const alive = { publicFundsAccount: registered, insuredDiedOn: null };
    expect(automaticPayTo(null, alive, '2025-06-02')).toMatchObject({
      status: 'pending',
      reason: 'no_payment_preference',
    });
    expect(automaticPayTo({ method: 'public-funds' }, alive, '2025-06-02')).toMatchObject({ source: 'public-funds' });
    expect(
      automaticPayTo({ method: 'public-funds' }, { publicFundsAccount: null, insuredDiedOn: null }, '2025-06-02'),
    ).toMatchObject({ status: 'pending', reason: 'public_funds_account_missing' });
    expect(
      automaticPayTo({ method: 'public-funds' }, { ...alive, insuredDiedOn: '2025-05-01' }, '2025-06-02'),
    ).toMatchObject({ status: 'pending', reason: 'payee_deceased' });
    expect(automaticPayTo({ method: 'account', account: written.account }, alive, '2025-06-02')).toMatchObject({
      status: 'fixed',
      source: 'benefit-account',
    });
  });

  it('upcast: claims recorded before payTo existed read as unrecorded public funds, or the account they named', () => {
    expect(payToOf({ payment: { method: 'public-funds' } })).toEqual({
      status: 'unrecorded',
      payee: INSURED_PAYEE,
      source: 'public-funds',
    });
    expect(payToOf({ payment: written })).toMatchObject({
      status: 'fixed',
      source: 'claim',
      account: { holderNameZengin: 'ﾔﾏﾀﾞ ﾊﾅｺ' },
    });
  });

  it('payees are the same for offsets whatever the spacing, width or case of their names', () => {
    expect(payeeKey('m', { ...performer, name: 'ヤマダ　ハナコ' })).toBe(payeeKey('m', performer));
    expect(payeeKey('m', INSURED_PAYEE)).not.toBe(payeeKey('m', performer));
  });
});

describe('recovery (返納金, issue 13.6)', () => {
  const approved = (): ClaimEvent[] => {
    const submitted = given([]).when(submit({})).events!;
    return [
      ...submitted,
      ...given(submitted).when({ type: 'ApproveBenefitClaim', metadata: meta(approver), data: { claimId: 'c-1' } })
        .events!,
    ];
  };
  const recover = (recoveryId: string, amount: number): ClaimCommand => ({
    type: 'RecordClaimRecovery',
    metadata: meta(approver),
    data: { claimId: 'c-1', recoveryId, amount, reason: 'found-wrong', detail: 'twins were one baby' },
  });

  it('records amount, reason, actor and the payee on an approved claim; at most what was approved; once per id', () => {
    const { events } = given(approved()).when(recover('r-1', 250_000));
    expect(events![0]).toMatchObject({
      type: 'ClaimRecoveryRecorded',
      data: {
        recoveryId: 'r-1',
        amount: 250_000,
        reason: 'found-wrong',
        recordedBy: 'approver-1',
        payee: INSURED_PAYEE,
      },
    });
    const after = [...approved(), ...events!];
    expect(given(after).when(recover('r-1', 250_000)).events).toEqual([]);
    expect(given(after).when(recover('r-2', 250_001)).error).toMatchObject({ code: 'within_approved' });
    expect(given(given([]).when(submit({})).events!).when(recover('r-3', 1)).error).toMatchObject({ kind: 'conflict' });
  });
});
