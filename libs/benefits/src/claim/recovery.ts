import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { RecordClaimRecovery } from '../claim.commands.js';
import type { ClaimEvent } from '../claim.events.js';
import { recoveredAmount, type ClaimState } from '../claim.state.js';
import { today } from './submit.js';

/**
 * 返納金 (issue 13.6): only an approved claim can have paid too much, and never more than it approved; the recovery
 * names the claim's payee, from whom the payout side recovers it. A re-sent recovery id records nothing.
 */
export function recordRecovery(command: RecordClaimRecovery, state: ClaimState): ClaimEvent[] {
  const { recoveryId, amount, reason, detail } = command.data;
  if (typeof recoveryId !== 'string' || recoveryId === '')
    throw ValidationError.of('recoveryId', 'required', 'is required');
  if (state.recoveries[recoveryId] !== undefined) return [];
  if (state.status !== 'approved') {
    const rule = `claim_${state.status}`;
    throw new ConflictError(rule, 'only an approved claim can have a recovery', [
      { field: 'claimId', rule, message: `the claim is ${state.status}` },
    ]);
  }
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw ValidationError.of('amount', 'positive_yen', 'must be a positive whole number of yen');
  if (typeof reason !== 'string' || reason.trim() === '')
    throw ValidationError.of('reason', 'required', 'a recovery needs a reason');
  const left = state.amount! - recoveredAmount(state);
  if (amount > left)
    throw RuleViolation.of(
      'amount',
      'within_approved',
      `at most ${left} yen of the approved amount is left to recover`,
    );
  return [
    {
      type: 'ClaimRecoveryRecorded',
      data: {
        claimId: state.claimId!,
        memberId: state.memberId!,
        personId: state.personId!,
        kind: state.kind!,
        recoveryId,
        payee: state.payTo!.payee,
        amount,
        reason: reason.trim(),
        detail: typeof detail === 'string' ? detail : '',
        recordedBy: command.metadata.actor.id,
        recordedOn: today(command),
      },
    },
  ];
}
