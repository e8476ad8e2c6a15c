import { ConflictError, ValidationError } from '@kenpo/kernel';
import type { RecordAutomaticBenefit } from '../claim.commands.js';
import type { ClaimEvent } from '../claim.events.js';
import type { ClaimState } from '../claim.state.js';
import { paymentInstruction } from './payment.js';
import { today } from './submit.js';

/** An automatic benefit is recorded and approved by its rule at once; the same key again records nothing. */
export function recordAutomaticBenefit(command: RecordAutomaticBenefit, state: ClaimState): ClaimEvent[] {
  const { claimId, benefit } = command.data;
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
  const payment = paymentInstruction(command.data.payment);
  const identity = { claimId, memberId: benefit.memberId, personId: benefit.personId, kind: benefit.kind };
  return [
    {
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
        amount: benefit.amount,
        breakdown: benefit.breakdown,
      },
    },
    {
      type: 'BenefitClaimApprovedByRule',
      data: { ...identity, rule: benefit.rule, amount: benefit.amount, payment, approvedOn: today(command) },
    },
  ];
}
