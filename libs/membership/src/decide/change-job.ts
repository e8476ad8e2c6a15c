import { assertNoViolations, businessDate, RuleViolation } from '@kenpo/kernel';
import type { MembershipSettings } from '../membership-settings.js';
import type { ChangeJob } from '../member.commands.js';
import { INSURED, type MemberEvent, type MemberTransferred } from '../member.events.js';
import { evolve, type MemberState } from '../member.state.js';
import { activeDependants, isCurrentlyEnrolled, requireEnrolled, today } from './context.js';
import { canUseOnlineConfirmation, documentValidOn, issueDocument, issueNotification } from './documents.js';
import { bool, date, requiredText } from './fields.js';

/**
 * Transfer to another office of the same society (domain.md 3.1): same member, continuous coverage, linked cards
 * kept; 記号/番号 change, so every current person gets a new notification (domain.md 6.5), and whoever relies on a
 * 資格確認書 gets one showing the new identifiers ([P23]: re-issued ex officio).
 */
export function changeJob(command: ChangeJob, state: MemberState, settings: MembershipSettings): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...bool('withinSociety', d.withinSociety),
    ...requiredText('officeCode', d.officeCode, 20),
    ...requiredText('symbol', d.symbol, 20),
    ...requiredText('number', d.number, 20),
    ...date('effectiveDate', d.effectiveDate),
  ]);
  if (!d.withinSociety) {
    throw RuleViolation.of(
      'withinSociety',
      'employer_outside_society',
      'a move to an employer outside the society is a loss of eligibility: record a loss of eligibility instead (domain.md 3.1)',
    );
  }
  requireEnrolled(state);
  const { officeCode, symbol, number } = state.identifiers;
  if (officeCode === d.officeCode && symbol === d.symbol && number === d.number) return [];
  if (state.status !== 'active') {
    throw RuleViolation.of('status', 'not_active', 'only an active insured person can change jobs within the society');
  }
  const effectiveDate = businessDate(d.effectiveDate, 'effectiveDate');
  if (effectiveDate <= state.acquisitionDate) {
    throw RuleViolation.of('effectiveDate', 'after_acquisition', 'must be after the acquisition date');
  }
  const transferred: MemberTransferred = {
    type: 'MemberTransferred',
    data: {
      personId: INSURED,
      officeCode: d.officeCode,
      symbol: d.symbol,
      number: d.number,
      effectiveDate,
      previous: { officeCode, symbol, number },
    },
  };
  const after = evolve(state, transferred);
  const issuedOn = today(command);
  const events: MemberEvent[] = [transferred];
  // A new office under the same 記号/番号 changes nothing a person shows at a clinic.
  if (symbol === d.symbol && number === d.number) return events;
  const persons = [after.insured!, ...activeDependants(after)].filter(isCurrentlyEnrolled);
  for (const person of persons) {
    const acquisitionDate = person === after.insured ? state.acquisitionDate : person.coverage.at(-1)!.from;
    events.push(issueNotification(after, person, { issuedOn, reason: 'identifiers-changed', acquisitionDate }));
    const from = effectiveDate > person.coverage.at(-1)!.from ? effectiveDate : person.coverage.at(-1)!.from;
    if (!canUseOnlineConfirmation(person, from) || documentValidOn(person, from)) {
      events.push(
        ...issueDocument(settings, after, person, { issuedOn, validFrom: from, reason: 'identifiers-changed' }),
      );
    }
  }
  return events;
}
