import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  sameSubject,
  ValidationError,
  type Actor,
} from '@kenpo/kernel';
import type { ApproveBenefitClaim, RejectBenefitClaim, WithdrawBenefitClaim } from '../claim.commands.js';
import type { ClaimEvent } from '../claim.events.js';
import type { ClaimState } from '../claim.state.js';
import { approvalDuplicates } from './duplicates.js';
import { today } from './submit.js';

function identity(state: ClaimState) {
  return { claimId: state.claimId!, memberId: state.memberId!, personId: state.personId!, kind: state.kind! };
}

/** What the benefit registry judges an approval by. */
export const approvalFacts = (state: ClaimState) => ({
  kind: state.kind!,
  claimId: state.claimId!,
  insuredEvent: state.insuredEvent,
  priorityFrom: state.priorityFrom,
});

function requireClaim(state: ClaimState): void {
  if (state.status === 'none')
    throw new NotFoundError('claim_not_found', 'no such claim', [
      { field: 'claimId', rule: 'exists', message: 'no such claim' },
    ]);
}

/**
 * Guards already check roles at the API; the decider keeps the rule too, since approval releases money. Admins
 * operate the system and are not on the money path (issue 13.7).
 */
function requireReviewer(actor: Actor): void {
  if (actor.role !== 'approver') {
    throw new ForbiddenError('reviewer_role_required', 'only an approver may decide on a claim', [
      { field: 'actor.role', rule: 'reviewer_role_required', message: 'must be approver' },
    ]);
  }
}

function closed(state: ClaimState, action: string): ConflictError {
  const rule = `claim_${state.status}`;
  return new ConflictError(rule, `a ${state.status} claim cannot be ${action}`, [
    { field: 'claimId', rule, message: `the claim is ${state.status}` },
  ]);
}

/**
 * Four-eyes: the approver is not the clerk who submitted the claim, subjects compared normalised (422 'four_eyes').
 * The approval carries the payee and account fixed at application: the payout pays exactly that.
 */
export function approveClaim(command: ApproveBenefitClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (state.status === 'approved') return [];
  if (state.status !== 'submitted') throw closed(state, 'approved');
  requireReviewer(command.metadata.actor);
  const approver = command.metadata.actor.id;
  if (sameSubject(approver, state.submittedBy)) {
    throw RuleViolation.of(
      'actor',
      'four_eyes',
      'a claim must be approved by someone other than the clerk who submitted it',
    );
  }
  const override = command.data.duplicateOverride;
  const { earlierClaimIds } = command.data.registered
    ? approvalDuplicates(approvalFacts(state), command.data.registered, override)
    : { earlierClaimIds: [] };
  return [
    {
      type: 'BenefitClaimApproved',
      data: {
        ...identity(state),
        amount: state.amount!,
        payment: state.payment!,
        payTo: state.payTo!,
        approvedBy: approver,
        approvedOn: today(command),
        ...(override && earlierClaimIds.length > 0
          ? { duplicateOverride: { reason: override.reason.trim(), earlierClaimIds } }
          : {}),
      },
    },
  ];
}

export function rejectClaim(command: RejectBenefitClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (state.status === 'rejected') return [];
  if (state.status !== 'submitted') throw closed(state, 'rejected');
  requireReviewer(command.metadata.actor);
  const reason = command.data.reason;
  if (typeof reason !== 'string' || reason.trim() === '')
    throw ValidationError.of('reason', 'required', 'a rejection needs a reason');
  return [
    {
      type: 'BenefitClaimRejected',
      data: {
        ...identity(state),
        stage: 'review',
        rule: 'rejected_on_review',
        message: reason,
        rejectedBy: command.metadata.actor.id,
        rejectedOn: today(command),
      },
    },
  ];
}

/** Only before approval: an approved claim is on its way to payout. */
export function withdrawClaim(command: WithdrawBenefitClaim, state: ClaimState): ClaimEvent[] {
  requireClaim(state);
  if (state.status === 'withdrawn') return [];
  if (state.status !== 'submitted') throw closed(state, 'withdrawn');
  return [
    {
      type: 'BenefitClaimWithdrawn',
      data: {
        claimId: state.claimId!,
        withdrawnBy: command.metadata.actor.id,
        withdrawnOn: today(command),
        reason: command.data.reason ?? null,
      },
    },
  ];
}
