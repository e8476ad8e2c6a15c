import {
  addDays,
  addMonths,
  assertNoViolations,
  businessDate,
  endOfMonth,
  RuleViolation,
  startOfMonth,
} from '@kenpo/kernel';
import type { MembershipSettings } from '../membership-settings.js';
import type {
  LinkCard,
  RecordElectronicCertificateExpiry,
  RequestCardLinkageCancellation,
} from '../member.commands.js';
import type { MemberEvent } from '../member.events.js';
import type { MemberState, PersonState } from '../member.state.js';
import { findPerson, isCurrentlyEnrolled, requireEnrolled, today } from './context.js';
import { documentValidOn, issueDocument, returnRequests } from './documents.js';
import { date, requiredText } from './fields.js';

function currentPerson(state: MemberState, personId: string): PersonState {
  requireEnrolled(state);
  const person = findPerson(state, personId);
  if (!isCurrentlyEnrolled(person)) {
    throw RuleViolation.of('personId', 'not_covered', 'card linkage is recorded only for a person currently covered');
  }
  return person;
}

/**
 * マイナ保険証 利用登録 (domain.md 6.2): the card works from `linkedOn`; re-registration after a cancellation is allowed.
 * A 資格確認書 still valid then stops counting that day and is to be returned (not held in parallel, domain.md 6.2).
 */
export function linkCard(command: LinkCard, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('personId', d.personId), ...date('linkedOn', d.linkedOn)]);
  const person = currentPerson(state, d.personId);
  if (person.card.linkedOn !== null && person.card.cancellation === null) return [];
  const linkedOn = businessDate(d.linkedOn, 'linkedOn');
  return [
    { type: 'CardLinked', data: { personId: person.personId, linkedOn } },
    ...returnRequests([person], linkedOn, today(command), 'card-linked'),
  ];
}

/**
 * 利用登録解除 (domain.md 6.2): reflected at the end of the month following the request; the card stops working
 * then, and a 資格確認書 is issued at the same time, valid from that day.
 */
export function requestCardLinkageCancellation(
  command: RequestCardLinkageCancellation,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('personId', d.personId), ...date('requestedOn', d.requestedOn)]);
  const person = currentPerson(state, d.personId);
  if (person.card.linkedOn === null) {
    throw RuleViolation.of(
      'personId',
      'card_not_linked',
      'the person has no card registered as a health insurance card',
    );
  }
  if (person.card.cancellation !== null) return [];
  const effectiveOn = endOfMonth(addMonths(businessDate(d.requestedOn, 'requestedOn'), 1));
  const events: MemberEvent[] = [
    {
      type: 'CardLinkageCancellationRequested',
      data: { personId: person.personId, requestedOn: d.requestedOn, effectiveOn },
    },
  ];
  if (!documentValidOn(person, effectiveOn)) {
    events.push(
      ...issueDocument(settings, state, person, {
        issuedOn: today(command),
        validFrom: effectiveOn,
        reason: 'card-linkage-cancelled',
      }),
    );
  }
  return events;
}

/**
 * 電子証明書 expiry (domain.md 6.3): the card still works until the end of the configured number of months after
 * the month of expiry; the 資格確認書 is issued now, before that grace runs out, valid from the day after it.
 */
export function recordElectronicCertificateExpiry(
  command: RecordElectronicCertificateExpiry,
  state: MemberState,
  settings: MembershipSettings,
): MemberEvent[] {
  const d = command.data;
  assertNoViolations([...requiredText('personId', d.personId), ...date('expiresOn', d.expiresOn)]);
  const person = currentPerson(state, d.personId);
  if (person.card.certificate?.expiresOn === d.expiresOn) return [];
  const expiresOn = businessDate(d.expiresOn, 'expiresOn');
  const usableUntil = endOfMonth(addMonths(startOfMonth(expiresOn), settings.certificateGraceMonths));
  const events: MemberEvent[] = [
    { type: 'ElectronicCertificateExpiryRecorded', data: { personId: person.personId, expiresOn, usableUntil } },
  ];
  const from = addDays(usableUntil, 1);
  const linked =
    person.card.linkedOn !== null && (person.card.cancellation === null || person.card.cancellation.effectiveOn > from);
  if (linked && !documentValidOn(person, from)) {
    events.push(
      ...issueDocument(settings, state, person, {
        issuedOn: today(command),
        validFrom: from,
        reason: 'certificate-expired',
      }),
    );
  }
  return events;
}
