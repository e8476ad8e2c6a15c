import { RuleViolation, ValidationError } from '@kenpo/kernel';
import type { BankAccount, ClaimedBenefitKind, PaymentInstruction } from '../claim.types.js';
import {
  INSURED_PAYEE,
  payingAccount,
  type Payee,
  type PayeeKind,
  type PayTo,
  type PaymentPendingReason,
} from '../pay-to.js';

const PAYEE_KINDS: readonly PayeeKind[] = ['insured', 'burial-performer', 'heir', 'receiving-agent'];
const BURIAL: readonly ClaimedBenefitKind[] = ['burial-allowance', 'burial-expenses'];

/** What the society knows when the claim arrives: the 公金受取口座 registered then, and the insured's death. */
export interface PaymentFacts {
  publicFundsAccount: (BankAccount & { holderNameZengin?: string }) | null;
  /** The insured's date of death when recorded (資格喪失 for death is the next day); null while alive. */
  insuredDiedOn: string | null;
}

const refuse = (field: string, rule: string, message: string) => RuleViolation.of(field, rule, message);

function checkPayee(input: Payee | null | undefined): Payee {
  if (input === null || input === undefined) return INSURED_PAYEE;
  if (!PAYEE_KINDS.includes(input.kind))
    throw ValidationError.of('payee.kind', 'one_of', `must be one of ${PAYEE_KINDS.join(', ')}`);
  if (input.kind === 'insured') return INSURED_PAYEE;
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') throw ValidationError.of('payee.name', 'required', `is required for a ${input.kind}`);
  const relationship = typeof input.relationship === 'string' ? input.relationship.trim() || null : null;
  return { kind: input.kind, name, relationship };
}

/**
 * Who is paid (issue 13.3): 埋葬料/埋葬費 go to whoever performed the burial (domain.md 4.4); once the insured has
 * died other benefits go to heirs; an employer's 給付金受領代理人 receives only into an account written on the claim.
 */
function payeeFor(kind: ClaimedBenefitKind, input: Payee | null | undefined, facts: PaymentFacts): Payee {
  const payee = checkPayee(input);
  if (BURIAL.includes(kind) && payee.kind !== 'burial-performer')
    throw refuse('payee.kind', 'burial_performer', `${kind} is paid to the person who performed the burial`);
  if (!BURIAL.includes(kind) && payee.kind === 'burial-performer')
    throw refuse('payee.kind', 'burial_only', 'only 埋葬料/埋葬費 are paid to the person who performed the burial');
  if (payee.kind === 'insured' && facts.insuredDiedOn !== null)
    throw refuse('payee.kind', 'payee_deceased', 'the insured has died: the benefit is claimed by an heir');
  if (payee.kind === 'heir' && facts.insuredDiedOn === null)
    throw refuse('payee.kind', 'insured_alive', 'heirs claim only after the death of the insured is recorded');
  return payee;
}

/**
 * The account fixed at application (domain.md 7, architecture.md 11): the insured's 公金受取口座 registered now when
 * the claim opts into it (only the insured's own, only while alive), otherwise the account written on the claim.
 */
export function claimPayTo(
  kind: ClaimedBenefitKind,
  payment: PaymentInstruction,
  payeeInput: Payee | null | undefined,
  facts: PaymentFacts,
): PayTo {
  const payee = payeeFor(kind, payeeInput, facts);
  if (payment.method === 'account')
    return { status: 'fixed', payee, source: 'claim', account: payingAccount(payment.account) };
  if (payee.kind !== 'insured')
    throw refuse(
      'payment.method',
      'public_funds_own_account',
      "the 公金受取口座 is the insured's own: give an account",
    );
  if (!facts.publicFundsAccount)
    throw refuse(
      'payment.method',
      'public_funds_account_registered',
      'the member has no registered public-funds account: give an account or register one first (domain.md 7)',
    );
  return { status: 'fixed', payee, source: 'public-funds', account: payingAccount(facts.publicFundsAccount) };
}

/** The member's standing choice for benefits the society derives itself (issue 13.4). */
export type AutomaticPaymentPreference =
  { method: 'public-funds' } | { method: 'account'; account: BankAccount & { holderNameZengin?: string } } | null;

const pending = (reason: PaymentPendingReason, detail: string): PayTo => ({
  status: 'pending',
  payee: INSURED_PAYEE,
  reason,
  detail,
});

/**
 * Automatic benefits are paid to the insured as the member chose: the 公金受取口座 (never after the insured's death)
 * or the registered benefit account; without a usable choice they wait with a reason a clerk can act on.
 */
export function automaticPayTo(preference: AutomaticPaymentPreference, facts: PaymentFacts, on: string): PayTo {
  if (preference === null)
    return pending(
      'no_payment_preference',
      'the member chose no payment for automatic benefits: register a benefit account or the public-funds opt-in, or give an account for this payout',
    );
  if (preference.method === 'account')
    return {
      status: 'fixed',
      payee: INSURED_PAYEE,
      source: 'benefit-account',
      account: payingAccount(preference.account),
    };
  if (facts.insuredDiedOn !== null && facts.insuredDiedOn < on)
    return pending(
      'payee_deceased',
      "the insured has died: the public-funds account is not used after the death; give the heirs' account",
    );
  if (!facts.publicFundsAccount)
    return pending(
      'public_funds_account_missing',
      'the member opted into public funds but has no registered public-funds account: register one or give an account for this payout',
    );
  return {
    status: 'fixed',
    payee: INSURED_PAYEE,
    source: 'public-funds',
    account: payingAccount(facts.publicFundsAccount),
  };
}
