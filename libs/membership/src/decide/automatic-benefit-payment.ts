import { ValidationError } from '@kenpo/kernel';
import type { ChooseAutomaticBenefitPayment, ClearAutomaticBenefitPayment } from '../member.commands.js';
import { INSURED, type AutomaticBenefitPayment, type MemberEvent } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { requireEnrolled, today } from './context.js';
import { checkedAccount } from './public-funds-account.js';

/**
 * The member's choice for automatic benefits (issue 13.4): the 公金受取口座 opt-in (domain.md 7 example: a 届出), or a
 * benefit account of the insured. The same choice again records nothing.
 */
export function chooseAutomaticBenefitPayment(
  command: ChooseAutomaticBenefitPayment,
  state: MemberState,
): MemberEvent[] {
  const d = command.data;
  let payment: AutomaticBenefitPayment;
  if (d.method === 'public-funds') payment = { method: 'public-funds' };
  else if (d.method === 'account')
    payment = { method: 'account', account: checkedAccount(d.account ?? {}, 'account.') };
  else throw ValidationError.of('method', 'one_of', "must be 'public-funds' or 'account'");
  requireEnrolled(state);
  if (JSON.stringify(state.automaticBenefitPayment ?? null) === JSON.stringify(payment)) return [];
  return [{ type: 'AutomaticBenefitPaymentChosen', data: { personId: INSURED, payment, effectiveOn: today(command) } }];
}

export function clearAutomaticBenefitPayment(command: ClearAutomaticBenefitPayment, state: MemberState): MemberEvent[] {
  requireEnrolled(state);
  if (!state.automaticBenefitPayment) return [];
  return [{ type: 'AutomaticBenefitPaymentCleared', data: { personId: INSURED, effectiveOn: today(command) } }];
}
