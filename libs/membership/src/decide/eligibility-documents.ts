import { assertNoViolations, businessDate, RuleViolation } from '@kenpo/kernel';
import { coveredOn, effectiveCoverage } from '../coverage.js';
import type { MembershipSettings } from '../membership-settings.js';
import type { IssueEligibilityDocument, RecordEligibilityDocumentReturn } from '../member.commands.js';
import type { ApplicationReason, DocumentReturnOutcome, MemberEvent } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { findPerson, requireEnrolled, today } from './context.js';
import { documentValidOn, issueDocument } from './documents.js';
import { date, oneOf, requiredText } from './fields.js';

const APPLICATION_REASONS: readonly ApplicationReason[] = ['card-lost', 'card-renewal', 'needs-assistance'];
const OUTCOMES: readonly DocumentReturnOutcome[] = ['returned', 'not-returned'];

/**
 * 資格確認書 on application (domain.md 6.4): card lost or being renewed, or a person needing assistance. Valid from
 * the day it is issued; nothing new while a document is valid that day (re-sending the application is a no-op).
 */
export function issueEligibilityDocument(
  command: IssueEligibilityDocument,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('personId', d.personId), ...oneOf('reason', d.reason, APPLICATION_REASONS)]);
  requireEnrolled(state);
  const person = findPerson(state, d.personId);
  const issuedOn = today(command);
  if (!coveredOn(effectiveCoverage(state, person), issuedOn)) {
    throw RuleViolation.of('personId', 'not_covered', 'a 資格確認書 is issued only to a person covered on the day');
  }
  if (documentValidOn(person, issuedOn)) return [];
  return issueDocument(settings, state, person, { issuedOn, validFrom: issuedOn, reason: d.reason });
}

/** Records whether the latest document to be returned came back (domain.md 6.4); re-sending the same is a no-op. */
export function recordEligibilityDocumentReturn(
  command: RecordEligibilityDocumentReturn,
  state: MemberState,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...requiredText('personId', d.personId),
    ...oneOf('outcome', d.outcome, OUTCOMES),
    ...date('on', d.on),
  ]);
  requireEnrolled(state);
  const person = findPerson(state, d.personId);
  const requested = person.documents.filter((doc) => doc.returnRequested !== null);
  const recorded = requested.at(-1)?.returnRequested?.outcome;
  if (recorded && recorded.outcome === d.outcome && recorded.on === d.on) return [];
  const pending = requested.filter((doc) => doc.returnRequested!.outcome === null).at(-1);
  if (!pending) {
    throw RuleViolation.of('personId', 'no_return_pending', 'the person has no 資格確認書 whose return is pending');
  }
  if (d.on < pending.returnRequested!.requestedOn) {
    throw RuleViolation.of('on', 'after_request', 'must not be before the return was requested');
  }
  const on = businessDate(d.on, 'on');
  return [
    {
      type: 'EligibilityConfirmationDocumentReturnRecorded',
      data: { personId: person.personId, validUntil: pending.validUntil, outcome: d.outcome, on },
    },
  ];
}
