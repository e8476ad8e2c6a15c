import { addDays, addMonths, addYears, businessDate, startOfMonth, type BusinessDate } from '@kenpo/kernel';
import { coveredOn, effectiveCoverage, seventyFifthBirthday } from '../coverage.js';
import { canUseOnlineConfirmation, documentValidOn } from '../decide/documents.js';
import type { MembershipSettings } from '../membership-settings.js';
import type { MemberCommand } from '../member.commands.js';
import type { PersonId } from '../member.events.js';
import type { MemberState, PersonState } from '../member.state.js';

export const LIFECYCLE_RULES = [
  'insured-age-75',
  'voluntary-continuation-end',
  'dependant-age-75',
  'document-renewal',
  'certificate-grace-end',
  'elderly-recipient',
  'dependant-review',
] as const;
export type LifecycleRule = (typeof LIFECYCLE_RULES)[number];

/** One thing a date brought to one person: the command that records it, idempotent per (person, rule, date). */
export interface LifecycleAction {
  rule: LifecycleRule;
  personId: PersonId;
  /** The date the law (or the society's setting) fixes: part of the action's identity, not the run's date. */
  effectiveDate: string;
  command: Pick<MemberCommand, 'type' | 'data'>;
  /** Shown in history (event metadata `reason`). */
  reason: string;
}

const LATE_STAGE = '後期高齢者医療制度 (75th birthday, domain.md 3.1)';

/** 高齢受給者 from the 1st of the month after the 70th birthday; from the birthday month when born on the 1st. */
export function elderlyRecipientFrom(dateOfBirth: string): BusinessDate {
  const seventieth = addYears(businessDate(dateOfBirth), 70);
  return seventieth.endsWith('-01') ? seventieth : startOfMonth(addMonths(seventieth, 1));
}

function insuredRules(state: MemberState, on: string): LifecycleAction[] {
  const insured = state.insured!;
  const birthday = seventyFifthBirthday(insured.dateOfBirth);
  const vc = state.voluntaryContinuation;
  if (state.status === 'active' && !state.loss && birthday <= on && birthday > state.acquisitionDate!) {
    const command = { type: 'RecordLossOfEligibility', data: { reason: 'age-75' } } as const;
    return [
      { rule: 'insured-age-75', personId: insured.personId, effectiveDate: birthday, command, reason: LATE_STAGE },
    ];
  }
  if (state.status !== 'voluntary-continuation' || !vc || vc.end) return [];
  if (birthday <= on && birthday > vc.startDate && birthday < vc.latestLossDate) {
    const command = { type: 'EndVoluntaryContinuation', data: { reason: 'age-75' } } as const;
    return [
      { rule: 'insured-age-75', personId: insured.personId, effectiveDate: birthday, command, reason: LATE_STAGE },
    ];
  }
  if (vc.latestLossDate <= on) {
    const command = { type: 'EndVoluntaryContinuation', data: { reason: 'two-years-elapsed' } } as const;
    const reason = '任意継続 ends after 2 years (domain.md 3.2)';
    return [
      {
        rule: 'voluntary-continuation-end',
        personId: insured.personId,
        effectiveDate: vc.latestLossDate,
        command,
        reason,
      },
    ];
  }
  return [];
}

function dependantRules(state: MemberState, on: string): LifecycleAction[] {
  return state.dependants.flatMap((dependant) => {
    const birthday = seventyFifthBirthday(dependant.dateOfBirth);
    if (dependant.status !== 'active' || birthday > on || birthday <= dependant.recognizedFrom) return [];
    const command = {
      type: 'RemoveDependant',
      data: { dependantId: dependant.dependantId, reason: 'age-75' },
    } as const;
    return [
      {
        rule: 'dependant-age-75' as const,
        personId: dependant.personId,
        effectiveDate: birthday,
        command,
        reason: LATE_STAGE,
      },
    ];
  });
}

function documentRules(state: MemberState, person: PersonState, on: string, settings: MembershipSettings) {
  const coverage = effectiveCoverage(state, person);
  const actions: LifecycleAction[] = [];
  const scheduled = (rule: LifecycleRule, validFrom: string, reason: string) => {
    if (!coveredOn(coverage, validFrom) || documentValidOn(person, validFrom)) return;
    if (canUseOnlineConfirmation(person, validFrom)) return;
    const data = {
      personId: person.personId,
      validFrom,
      reason: rule === 'document-renewal' ? ('renewal' as const) : ('certificate-expired' as const),
    };
    actions.push({
      rule,
      personId: person.personId,
      effectiveDate: validFrom,
      command: { type: 'IssueScheduledEligibilityDocument', data },
      reason,
    });
  };
  const latest = person.documents.at(-1);
  if (latest && latest.returnRequested === null) {
    const next = addDays(businessDate(latest.validUntil), 1);
    if (addDays(next, -settings.documentRenewalDays) <= on)
      scheduled('document-renewal', next, '資格確認書 renewal (domain.md 6.4)');
  }
  const certificate = person.card.certificate;
  if (certificate) {
    const graceEnd = addDays(businessDate(certificate.usableUntil), 1);
    if (addDays(graceEnd, -settings.documentRenewalDays) <= on) {
      scheduled('certificate-grace-end', graceEnd, 'electronic certificate grace ends (domain.md 6.3)');
    }
  }
  return actions;
}

function elderlyRule(state: MemberState, person: PersonState, on: string): LifecycleAction[] {
  const coverage = effectiveCoverage(state, person);
  // Only for persons covered on the run's date: a notice to someone whose coverage already ended says nothing.
  if (person.elderlyRecipientFrom || !coveredOn(coverage, on)) return [];
  const from = elderlyRecipientFrom(person.dateOfBirth);
  const start = coverage.map((c) => (c.from > from ? c.from : from)).find((d) => coveredOn(coverage, d));
  if (start === undefined || start > on) return [];
  const command = {
    type: 'CertifyElderlyRecipient',
    data: { personId: person.personId, effectiveFrom: start },
  } as const;
  const reason = '高齢受給者 from the month after the 70th birthday (domain.md 4.5)';
  return [{ rule: 'elderly-recipient', personId: person.personId, effectiveDate: start, command, reason }];
}

function reviewRules(state: MemberState, on: string, settings: MembershipSettings): LifecycleAction[] {
  const year = Number(on.slice(0, 4));
  const dueOn = `${year}-${settings.dependantReviewDay}`;
  if (dueOn > on) return [];
  return state.dependants.flatMap((dependant) => {
    if (dependant.status !== 'active' || dependant.recognizedFrom >= dueOn) return [];
    if ((dependant.reviewsListed ?? []).includes(year)) return [];
    if (!coveredOn(effectiveCoverage(state, dependant), dueOn)) return [];
    const command = {
      type: 'ListDependantForReview',
      data: { dependantId: dependant.dependantId, year, dueOn },
    } as const;
    const reason = '被扶養者資格の再確認 (domain.md 3.3)';
    return [{ rule: 'dependant-review' as const, personId: dependant.personId, effectiveDate: dueOn, command, reason }];
  });
}

/**
 * What the dates up to `on` brought to a member and is not recorded yet (pure). Statutory ends come first: once one
 * is recorded, the caller asks again, so a later rule sees the state that end left (a loss at 75 ends the
 * dependants' coverage too, and nothing is renewed past it). A late run catches up, since every rule looks back.
 */
export function dueLifecycleActions(state: MemberState, on: string, settings: MembershipSettings): LifecycleAction[] {
  if (!state.insured || state.acquisitionDate === null || state.status === 'cancelled') return [];
  const ends = [...insuredRules(state, on), ...dependantRules(state, on)];
  if (ends.length > 0) return ends;
  const persons = [state.insured, ...state.dependants.filter((d) => d.status === 'active')];
  return [
    ...persons.flatMap((p) => documentRules(state, p, on, settings)),
    ...persons.flatMap((p) => elderlyRule(state, p, on)),
    ...reviewRules(state, on, settings),
  ];
}
