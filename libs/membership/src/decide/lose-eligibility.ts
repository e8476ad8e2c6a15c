import {
  addDays,
  assertNoViolations,
  businessDate,
  ConflictError,
  RuleViolation,
  type BusinessDate,
} from '@kenpo/kernel';
import type { LossOfEligibility, RecordLossOfEligibility } from '../member.commands.js';
import { INSURED, type InsuredLossReason, type MemberEvent } from '../member.events.js';
import type { MemberState, PersonState } from '../member.state.js';
import { activeDependants, requireEnrolled, seventyFifthBirthday, today } from './context.js';
import { returnRequests } from './documents.js';
import { date, oneOf } from './fields.js';

const REASONS: readonly InsuredLossReason[] = ['retirement', 'death', 'age-75', 'other-insurer', 'other'];

/** The loss date each reason implies (domain.md 3.1). */
function lossDateOf(loss: LossOfEligibility, insured: PersonState): BusinessDate {
  switch (loss.reason) {
    case 'retirement':
      return addDays(businessDate(loss.lastWorkingDay, 'lastWorkingDay'), 1);
    case 'death':
      return addDays(businessDate(loss.dateOfDeath, 'dateOfDeath'), 1);
    case 'age-75':
      return seventyFifthBirthday(insured.dateOfBirth);
    case 'other-insurer':
    case 'other':
      return businessDate(loss.lossDate, 'lossDate');
  }
}

function fieldViolations(loss: LossOfEligibility) {
  switch (loss.reason) {
    case 'retirement':
      return date('lastWorkingDay', loss.lastWorkingDay);
    case 'death':
      return date('dateOfDeath', loss.dateOfDeath);
    case 'other-insurer':
    case 'other':
      return date('lossDate', loss.lossDate);
    default:
      return [];
  }
}

/**
 * 資格喪失 (domain.md 3.1): retirement and death take effect the next day, age 75 on the 75th birthday. Current
 * dependants lose on the same date, and every 資格確認書 still valid after it is to be returned (domain.md 6.4).
 */
export function recordLossOfEligibility(command: RecordLossOfEligibility, state: MemberState): MemberEvent[] {
  const loss = command.data;
  assertNoViolations([...oneOf('reason', loss.reason, REASONS), ...fieldViolations(loss)]);
  requireEnrolled(state);
  const lossDate = lossDateOf(loss, state.insured);
  if (state.loss) {
    if (state.loss.reason === loss.reason && state.loss.lossDate === lossDate) return [];
    throw new ConflictError('eligibility_already_lost', 'a loss of eligibility is already recorded for this member');
  }
  if (state.status !== 'active') {
    throw RuleViolation.of('status', 'not_active', 'only an active insured person can lose eligibility this way');
  }
  if (lossDate <= state.acquisitionDate) {
    throw RuleViolation.of('lossDate', 'after_acquisition', 'the loss date must be after the acquisition date');
  }
  const dependants = activeDependants(state);
  return [
    {
      type: 'MemberEligibilityLost',
      data: { personId: INSURED, reason: loss.reason, lossDate, dependantIds: dependants.map((d) => d.dependantId) },
    },
    ...returnRequests([state.insured, ...dependants], lossDate, today(command)),
  ];
}
