import { toZenginKana } from '@kenpo/kernel';
import type { BankAccount, PaymentInstruction } from './claim.types.js';

/**
 * Who receives the money (issue 13.3): the insured; for 埋葬料/埋葬費 whoever performed the burial (domain.md 4.4);
 * heirs claiming a benefit left unpaid at the insured's death; or the employer as 給付金受領代理人 (domain.md 7).
 */
export type PayeeKind = 'insured' | 'burial-performer' | 'heir' | 'receiving-agent';

export type Payee = {
  kind: PayeeKind;
  /** The payee's name as written on the claim; null for the insured (the member names them). */
  name: string | null;
  /** Relationship to the insured as written on the claim (burial performers and heirs); null otherwise. */
  relationship: string | null;
};

export const INSURED_PAYEE: Payee = { kind: 'insured', name: null, relationship: null };

/** Where the paying account came from: the 公金受取口座, the claim form, or the member's benefit account (13.4). */
export type PayingAccountSource = 'public-funds' | 'claim' | 'benefit-account';

/** The exact account to pay, with the holder name in the Zengin half-width form written on transfer files. */
export type PayingAccount = BankAccount & { holderNameZengin: string };

/** Why nothing can be paid yet; a clerk acts on it by giving an account (PUT /payouts/{id}/account). */
export type PaymentPendingReason =
  /** An automatic benefit for a member who recorded no payment preference (neither public funds nor an account). */
  | 'no_payment_preference'
  /** The member opted into public funds for automatic benefits but has no 公金受取口座 registered. */
  | 'public_funds_account_missing'
  /** The account would be the 公金受取口座 of an insured who had died by then: never used after the death date. */
  | 'payee_deceased';

/**
 * Money decided at application (architecture.md 11; domain.md 7: "the account registered at the time of
 * application; later changes are not applied automatically"). Carried by BenefitClaimSubmitted,
 * AutomaticBenefitRecorded, BenefitClaimApproved and BenefitClaimApprovedByRule.
 *
 * For the payout side:
 * - `fixed`: pay exactly `account` (source says where it came from); never look the member's account up again.
 * - `pending`: schedule the payout held with `reason` (and `detail` for clerks); a clerk's account releases it.
 * - `unrecorded`: only for claims recorded before this field existed (upcast by `payToOf`, never written). They opted
 *   into public funds without recording the account: use the member's 公金受取口座 as registered at the position of
 *   the claim's first event (its submission), not the one registered when the run plans; hold when there was none.
 *   Old claims paid to an account on the claim form upcast to `fixed` with source `claim`.
 */
export type PayTo =
  | { status: 'fixed'; payee: Payee; source: PayingAccountSource; account: PayingAccount }
  | { status: 'pending'; payee: Payee; reason: PaymentPendingReason; detail: string }
  | { status: 'unrecorded'; payee: Payee; source: 'public-funds' };

/** The account with its Zengin holder name (computed when an older record lacks it). */
export function payingAccount(account: BankAccount & { holderNameZengin?: string }): PayingAccount {
  const { bankCode, branchCode, accountType, accountNumber, holderName } = account;
  const converted = toZenginKana(holderName);
  const holderNameZengin = account.holderNameZengin || (converted.ok ? converted.value : '');
  return { bankCode, branchCode, accountType, accountNumber, holderName, holderNameZengin };
}

/**
 * Upcaster: the recorded `payTo` of a claim or approval event, or, for events recorded before it existed, what
 * their `payment` instruction said (see PayTo: `unrecorded` for public funds, `fixed` for an account on the claim).
 */
export function payToOf(data: { payTo?: PayTo; payment?: PaymentInstruction }): PayTo {
  if (data.payTo) return data.payTo;
  if (data.payment?.method === 'account')
    return { status: 'fixed', payee: INSURED_PAYEE, source: 'claim', account: payingAccount(data.payment.account) };
  return { status: 'unrecorded', payee: INSURED_PAYEE, source: 'public-funds' };
}

/** Payouts and recoveries to the same payee can be offset against each other (issue 13.6). */
export function payeeKey(memberId: string, payee: Payee): string {
  if (payee.kind === 'insured') return `${memberId}:insured`;
  const name = (payee.name ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return `${memberId}:${payee.kind}:${name}`;
}
