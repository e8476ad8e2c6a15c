import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  assertNoViolations,
  businessDate,
  ConflictError,
  RuleViolation,
  startOfMonth,
  type BusinessDate,
} from '@kenpo/kernel';
import type { MembershipSettings } from '../membership-settings.js';
import type {
  EndVoluntaryContinuation,
  StartVoluntaryContinuation,
  VoluntaryContinuationEnd,
} from '../member.commands.js';
import {
  INSURED,
  type MemberEvent,
  type VoluntaryContinuationEndReason,
  type VoluntaryContinuationStarted,
} from '../member.events.js';
import { evolve, type MemberState, type PersonState } from '../member.state.js';
import { LATE_STAGE_ELDERLY_AGE, VOLUNTARY_CONTINUATION as VC } from '../reference/eligibility.js';
import { activeDependants, requireEnrolled, seventyFifthBirthday, today } from './context.js';
import { canUseOnlineConfirmation, issueDocument, issueNotification, returnRequests } from './documents.js';
import { date, oneOf, requiredText } from './fields.js';

/** Months insured, counted as the law counts 被保険者期間: the month of acquisition up to the month before the loss. */
export function insuredMonths(acquisitionDate: string, lossDate: string): number {
  const index = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return index(lossDate) - index(acquisitionDate);
}

/** 任意継続 (domain.md 3.2): applied for within 20 days of the loss, after at least 2 months insured; lasts at most 2 years. */
export function startVoluntaryContinuation(
  command: StartVoluntaryContinuation,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...date('applicationDate', d.applicationDate),
    ...(d.symbol === undefined ? [] : requiredText('symbol', d.symbol, 20)),
    ...(d.number === undefined ? [] : requiredText('number', d.number, 20)),
  ]);
  requireEnrolled(state);
  if (state.voluntaryContinuation) {
    if (state.voluntaryContinuation.applicationDate === d.applicationDate) return [];
    throw new ConflictError(
      'voluntary_continuation_recorded',
      'voluntary continuation was already recorded for this member',
    );
  }
  if (state.status !== 'lost' || !state.loss) {
    throw RuleViolation.of('status', 'eligibility_not_lost', 'voluntary continuation follows a loss of eligibility');
  }
  const { lossDate, reason } = state.loss;
  if (reason === 'death' || reason === 'age-75' || reason === 'other-insurer') {
    throw RuleViolation.of(
      'status',
      'loss_reason_excludes_continuation',
      'voluntary continuation is not available after death, age 75 or insurance by another insurer (domain.md 3.2)',
    );
  }
  const deadline = addDays(businessDate(lossDate), VC.applicationDays - 1);
  if (d.applicationDate > deadline) {
    throw RuleViolation.of(
      'applicationDate',
      'application_deadline',
      `must be within ${VC.applicationDays} days of the loss date (domain.md 3.2)`,
    );
  }
  if (insuredMonths(state.acquisitionDate, lossDate) < VC.minimumInsuredMonths) {
    throw RuleViolation.of(
      'acquisitionDate',
      'minimum_insured_period',
      `requires at least ${VC.minimumInsuredMonths} months insured continuously before the loss (domain.md 3.2)`,
    );
  }
  if (ageOn(businessDate(state.insured.dateOfBirth), businessDate(lossDate)) >= LATE_STAGE_ELDERLY_AGE) {
    throw RuleViolation.of(
      'dateOfBirth',
      'late_stage_elderly',
      'a person aged 75 or over is covered by 後期高齢者医療',
    );
  }
  const started: VoluntaryContinuationStarted = {
    type: 'VoluntaryContinuationStarted',
    data: {
      personId: INSURED,
      applicationDate: d.applicationDate,
      startDate: lossDate,
      latestLossDate: addYears(businessDate(lossDate), VC.maximumYears),
      symbol: d.symbol ?? state.identifiers.symbol,
      number: d.number ?? state.identifiers.number,
    },
  };
  const after = evolve(state, started);
  const insured = after.insured!;
  const issuedOn = today(command);
  const events: MemberEvent[] = [
    started,
    issueNotification(after, insured, { issuedOn, reason: 'voluntary-continuation', acquisitionDate: lossDate }),
  ];
  if (!canUseOnlineConfirmation(insured, lossDate)) {
    events.push(
      ...issueDocument(settings, after, insured, { issuedOn, validFrom: lossDate, reason: 'voluntary-continuation' }),
    );
  }
  return events;
}

const END_REASONS: readonly VoluntaryContinuationEndReason[] = [
  'two-years-elapsed',
  'death',
  'premium-unpaid',
  'insured-elsewhere',
  'age-75',
  'own-request',
];

/** The loss date each end reason implies (domain.md 3.2). */
function endDateOf(end: VoluntaryContinuationEnd, latestLossDate: string, insured: PersonState): BusinessDate {
  switch (end.reason) {
    case 'two-years-elapsed':
      return businessDate(latestLossDate);
    case 'death':
      return addDays(businessDate(end.dateOfDeath, 'dateOfDeath'), 1);
    case 'premium-unpaid':
      return addDays(businessDate(end.dueDate, 'dueDate'), 1);
    case 'insured-elsewhere':
      return businessDate(end.insuredFrom, 'insuredFrom');
    case 'age-75':
      return seventyFifthBirthday(insured.dateOfBirth);
    case 'own-request': {
      const received = businessDate(end.requestReceivedOn, 'requestReceivedOn');
      if (received < VC.ownRequestAllowedFrom) {
        throw RuleViolation.of(
          'requestReceivedOn',
          'own_request_not_allowed',
          `withdrawal on request is allowed from ${VC.ownRequestAllowedFrom}`,
        );
      }
      return startOfMonth(addMonths(received, 1));
    }
  }
}

export function endVoluntaryContinuation(command: EndVoluntaryContinuation, state: MemberState): MemberEvent[] {
  const end = command.data;
  assertNoViolations(oneOf('reason', end.reason, END_REASONS));
  requireEnrolled(state);
  const vc = state.voluntaryContinuation;
  if (!vc)
    throw RuleViolation.of('status', 'not_in_voluntary_continuation', 'the member is not in voluntary continuation');
  const lossDate = endDateOf(end, vc.latestLossDate, state.insured);
  if (vc.end) {
    if (vc.end.reason === end.reason && vc.end.lossDate === lossDate) return [];
    throw new ConflictError('voluntary_continuation_ended', 'voluntary continuation already ended');
  }
  if (lossDate > vc.latestLossDate) {
    throw RuleViolation.of(
      'reason',
      'after_two_years',
      "voluntary continuation ends after 2 years at the latest: record 'two-years-elapsed'",
    );
  }
  if (lossDate <= vc.startDate) {
    throw RuleViolation.of('reason', 'before_start', 'the loss date must be after voluntary continuation started');
  }
  const dependants = activeDependants(state);
  return [
    {
      type: 'VoluntaryContinuationEnded',
      data: { personId: INSURED, reason: end.reason, lossDate, dependantIds: dependants.map((d) => d.dependantId) },
    },
    ...returnRequests([state.insured, ...dependants], lossDate, today(command)),
  ];
}
