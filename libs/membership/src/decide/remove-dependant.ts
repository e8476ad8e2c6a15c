import { assertNoViolations, businessDate, ConflictError, NotFoundError, RuleViolation } from '@kenpo/kernel';
import type { RemoveDependant } from '../member.commands.js';
import type { DependantRemovalReason, MemberEvent } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { requireEnrolled, seventyFifthBirthday, today } from './context.js';
import { returnRequests } from './documents.js';
import { date, oneOf } from './fields.js';

const REASONS: readonly DependantRemovalReason[] = [
  'income-exceeded',
  'employment',
  'death',
  'age-75',
  'separation',
  'divorce',
  'residence',
  'other',
];

/** 被扶養者異動 (domain.md 3.1): the dependant stops being covered on the loss date; a valid 資格確認書 is to be returned. */
export function removeDependant(command: RemoveDependant, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...oneOf('reason', d.reason, REASONS),
    ...(d.reason === 'age-75' ? [] : date('lossDate', d.lossDate)),
  ]);
  requireEnrolled(state);
  const dependant = state.dependants.find((dep) => dep.dependantId === d.dependantId);
  if (!dependant)
    throw new NotFoundError('dependant_not_found', 'no such dependant', [
      { field: 'dependantId', rule: 'exists', message: 'must name a dependant of this member' },
    ]);
  // The 75th birthday moves the dependant to 後期高齢者医療 on that day (domain.md 3.3).
  const lossDate =
    d.reason === 'age-75' ? seventyFifthBirthday(dependant.dateOfBirth) : businessDate(d.lossDate, 'lossDate');
  if (dependant.status === 'removed') {
    if (dependant.removal?.lossDate === lossDate) return [];
    throw new ConflictError('dependant_already_removed', 'the dependant was already removed on another date');
  }
  if (lossDate <= dependant.recognizedFrom) {
    throw RuleViolation.of('lossDate', 'after_recognition', 'must be after the date the dependant was recognised from');
  }
  return [
    {
      type: 'DependantRemoved',
      data: { personId: dependant.personId, dependantId: dependant.dependantId, reason: d.reason, lossDate },
    },
    ...returnRequests([dependant], lossDate, today(command)),
  ];
}
