import { ConflictError, ValidationError } from '@kenpo/kernel';
import type { RecordAutomaticBenefit } from '../claim.commands.js';
import type { ClaimEvent } from '../claim.events.js';
import type { ClaimState } from '../claim.state.js';
import type { SocietySettings } from '../reference/society-settings.js';
import type { PaymentInstruction } from '../claim.types.js';
import { automaticPayTo } from './pay-to.js';
import { today } from './submit.js';

/**
 * An automatic benefit is recorded and approved by its rule at once, or, above the society's threshold, left for an
 * approver (four-eyes like any claim); the same key again records nothing. It is paid as the member chose (13.4).
 */
export function recordAutomaticBenefit(
  command: RecordAutomaticBenefit,
  state: ClaimState,
  settings: SocietySettings,
): ClaimEvent[] {
  const { claimId, benefit, preference } = command.data;
  if (typeof benefit?.key !== 'string' || benefit.key === '')
    throw ValidationError.of('benefit.key', 'required', 'is required');
  if (state.status !== 'none') {
    if (state.key === benefit.key) return [];
    throw new ConflictError('claim_id_in_use', 'the claim id is already used by another claim', [
      { field: 'claimId', rule: 'claim_id_in_use', message: 'is already used by another claim' },
    ]);
  }
  if (!Number.isSafeInteger(benefit.amount) || benefit.amount <= 0)
    throw ValidationError.of('benefit.amount', 'positive_yen', 'must be a positive whole number of yen');
  const on = today(command);
  const payTo = automaticPayTo(preference, command.data.paymentFacts, on);
  // What the member chose, for readers of `payment`; `payTo` is what it resolved to.
  const payment: PaymentInstruction =
    preference?.method === 'account'
      ? { method: 'account', account: payTo.status === 'fixed' ? payTo.account : preference.account }
      : { method: 'public-funds' };
  const threshold = command.data.approvalThreshold ?? settings.automaticBenefitApprovalThreshold;
  const approvalRequired = benefit.amount > threshold;
  const identity = { claimId, memberId: benefit.memberId, personId: benefit.personId, kind: benefit.kind };
  const recorded: ClaimEvent = {
    type: 'AutomaticBenefitRecorded',
    data: {
      ...identity,
      origin: 'automatic',
      key: benefit.key,
      month: benefit.month,
      scope: benefit.scope,
      institution: benefit.institution,
      setting: benefit.setting,
      payment,
      payTo,
      amount: benefit.amount,
      breakdown: benefit.breakdown,
      recordedBy: command.metadata.actor.id,
      approvalRequired,
      adjusts: command.data.adjusts ?? null,
    },
  };
  if (approvalRequired) return [recorded];
  return [
    recorded,
    {
      type: 'BenefitClaimApprovedByRule',
      data: { ...identity, rule: benefit.rule, amount: benefit.amount, payment, payTo, approvedOn: on },
    },
  ];
}
