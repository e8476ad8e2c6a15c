import { assertNoViolations, NotFoundError, RuleViolation } from '@kenpo/kernel';
import type { CancellationTarget, CancelRecord } from '../member.commands.js';
import { INSURED, type MemberEvent } from '../member.events.js';
import type { DependantState, MemberState } from '../member.state.js';
import { requireEnrolled } from './context.js';
import { oneOf, requiredText } from './fields.js';

const TARGETS: readonly CancellationTarget[] = [
  'acquisition',
  'loss',
  'job-change',
  'dependant-recognition',
  'dependant-removal',
];

const nothingToCancel = (field: string, message: string) => RuleViolation.of(field, 'nothing_to_cancel', message);

function dependantOf(state: MemberState, dependantId: string | undefined): DependantState {
  const dependant = state.dependants.find((d) => d.dependantId === dependantId);
  if (!dependant) {
    throw new NotFoundError('dependant_not_found', 'no such dependant', [
      { field: 'dependantId', rule: 'exists', message: 'must name a dependant of this member' },
    ]);
  }
  return dependant;
}

function cancelLoss(state: MemberState & { insured: object }, reason: string): MemberEvent[] {
  const vc = state.voluntaryContinuation;
  if (vc?.end) {
    const { lossDate } = vc.end;
    const dependantIds = state.dependants
      .filter((d) => d.removal?.reason === 'insured-lost' && d.removal.lossDate === lossDate)
      .map((d) => d.dependantId);
    return [
      {
        type: 'EligibilityLossCancelled',
        data: { personId: INSURED, lossDate, voluntaryContinuation: true, dependantIds, reason },
      },
    ];
  }
  if (!state.loss) throw nothingToCancel('target', 'no loss of eligibility is recorded');
  if (vc) {
    throw RuleViolation.of(
      'target',
      'continuation_started',
      'voluntary continuation followed this loss: cancel its end, or record the facts anew',
    );
  }
  const { lossDate } = state.loss;
  const dependantIds = state.dependants
    .filter((d) => d.removal?.reason === 'insured-lost' && d.removal.lossDate === lossDate)
    .map((d) => d.dependantId);
  return [
    {
      type: 'EligibilityLossCancelled',
      data: { personId: INSURED, lossDate, voluntaryContinuation: false, dependantIds, reason },
    },
  ];
}

/**
 * 取消 of a wrongly recorded fact (issue 12.5): a compensating event naming what it cancels and why (the actor is in
 * its metadata); the mistaken event stays in history. Only the latest fact of its kind can be cancelled, so that the
 * record never depends on what a later fact built on it.
 */
export function cancelRecord(command: CancelRecord, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...oneOf('target', d.target, TARGETS), ...requiredText('reason', d.reason, 500)]);
  requireEnrolled(state);
  if (state.status === 'cancelled') throw nothingToCancel('target', 'the enrollment itself was cancelled');
  const reason = d.reason;
  switch (d.target) {
    case 'acquisition':
      return [
        { type: 'EnrollmentCancelled', data: { personId: INSURED, acquisitionDate: state.acquisitionDate, reason } },
      ];
    case 'loss':
      return cancelLoss(state, reason);
    case 'job-change': {
      const last = (state.transfers ?? []).at(-1);
      if (!last) throw nothingToCancel('target', 'no job change is recorded');
      if (state.voluntaryContinuation) {
        throw RuleViolation.of('target', 'continuation_started', 'voluntary continuation followed the job change');
      }
      return [
        {
          type: 'JobChangeCancelled',
          data: {
            personId: INSURED,
            ...last.previous,
            effectiveDate: last.effectiveDate,
            cancelled: state.identifiers,
            reason,
          },
        },
      ];
    }
    case 'dependant-recognition': {
      const dependant = dependantOf(state, d.dependantId);
      if (dependant.status === 'cancelled')
        throw nothingToCancel('dependantId', 'the recognition was already cancelled');
      const { personId, dependantId } = dependant;
      return [{ type: 'DependantRecognitionCancelled', data: { personId, dependantId, reason } }];
    }
    case 'dependant-removal': {
      const dependant = dependantOf(state, d.dependantId);
      if (dependant.status !== 'removed' || !dependant.removal) {
        throw nothingToCancel('dependantId', 'the dependant was not removed');
      }
      if (dependant.removal.reason === 'insured-lost') {
        throw RuleViolation.of(
          'target',
          'cancel_the_loss',
          "the dependant left with the insured's loss: cancel that loss",
        );
      }
      const { personId, dependantId } = dependant;
      return [
        {
          type: 'DependantRemovalCancelled',
          data: { personId, dependantId, lossDate: dependant.removal.lossDate, reason },
        },
      ];
    }
  }
}
