import { assertNoViolations, businessDate, NotFoundError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { coveredOn, effectiveCoverage } from '../coverage.js';
import type { MembershipSettings } from '../membership-settings.js';
import type {
  CertifyElderlyRecipient,
  IssueScheduledEligibilityDocument,
  ListDependantForReview,
} from '../member.commands.js';
import type { MemberEvent, ScheduledDocumentReason } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { findPerson, requireEnrolled, today } from './context.js';
import { canUseOnlineConfirmation, documentValidOn, issueDocument, issueNotification } from './documents.js';
import { date, oneOf, requiredText } from './fields.js';

const SCHEDULED_REASONS: readonly ScheduledDocumentReason[] = ['renewal', 'certificate-expired'];

/**
 * A 資格確認書 the lifecycle run issues ahead of a date: renewal before the current one expires (domain.md 6.4), or at
 * the end of the electronic certificate's grace (6.3). Nothing when a document or the card already covers the day,
 * or the person is no longer covered then.
 */
export function issueScheduledEligibilityDocument(
  command: IssueScheduledEligibilityDocument,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...requiredText('personId', d.personId),
    ...date('validFrom', d.validFrom),
    ...oneOf('reason', d.reason, SCHEDULED_REASONS),
  ]);
  requireEnrolled(state);
  const person = findPerson(state, d.personId);
  const from = businessDate(d.validFrom, 'validFrom');
  if (!coveredOn(effectiveCoverage(state, person), from)) return [];
  if (documentValidOn(person, from) || canUseOnlineConfirmation(person, from)) return [];
  return issueDocument(settings, state, person, { issuedOn: today(command), validFrom: from, reason: d.reason });
}

/** 高齢受給者 (70–74): recorded once, with a new 資格情報のお知らせ (domain.md 6.5: again on becoming 高齢受給者). */
export function certifyElderlyRecipient(command: CertifyElderlyRecipient, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('personId', d.personId), ...date('effectiveFrom', d.effectiveFrom)]);
  requireEnrolled(state);
  const person = findPerson(state, d.personId);
  if (person.elderlyRecipientFrom) return [];
  const coverage = effectiveCoverage(state, person);
  if (!coveredOn(coverage, d.effectiveFrom)) {
    throw RuleViolation.of('effectiveFrom', 'covered', 'the person must be covered on the date it takes effect');
  }
  const acquisitionDate = coverage.find((c) => c.from <= d.effectiveFrom)!.from;
  return [
    { type: 'ElderlyRecipientCertified', data: { personId: person.personId, effectiveFrom: d.effectiveFrom } },
    issueNotification(state, person, { issuedOn: today(command), reason: 'elderly-recipient', acquisitionDate }),
  ];
}

/** Puts a dependant on the year's re-check list (domain.md 3.3), once a year. */
export function listDependantForReview(command: ListDependantForReview, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('dependantId', d.dependantId), ...date('dueOn', d.dueOn)]);
  if (!Number.isInteger(d.year)) throw ValidationError.of('year', 'integer', 'must be a year');
  requireEnrolled(state);
  const dependant = state.dependants.find((dep) => dep.dependantId === d.dependantId);
  if (!dependant) throw new NotFoundError('dependant_not_found', 'no such dependant');
  if ((dependant.reviewsListed ?? []).includes(d.year)) return [];
  return [
    {
      type: 'DependantReviewListed',
      data: { personId: dependant.personId, dependantId: dependant.dependantId, year: d.year, dueOn: d.dueOn },
    },
  ];
}
