import { addDays, addMonths, businessDate } from '@kenpo/kernel';
import { coverageEndOf } from '../coverage.js';
import type { MembershipSettings } from '../membership-settings.js';
import type {
  DocumentEndReason,
  DocumentReason,
  EligibilityConfirmationDocumentIssued,
  EligibilityConfirmationDocumentReturnRequested,
  EligibilityNotificationIssued,
  NotificationReason,
} from '../member.events.js';
import type { MemberState, PersonState } from '../member.state.js';

/** Whether the person's linked card works for online confirmation on `on` (domain.md 6.2, 6.3). */
export function canUseOnlineConfirmation(person: PersonState, on: string): boolean {
  const { linkedOn, cancellation, certificate } = person.card;
  if (linkedOn === null || linkedOn > on) return false;
  if (cancellation && on >= cancellation.effectiveOn) return false;
  if (certificate && on > certificate.usableUntil) return false;
  return true;
}

export function documentValidOn(person: PersonState, on: string): boolean {
  return person.documents.some(
    (d) => d.validFrom <= on && on <= d.validUntil && (d.returnRequested === null || on < d.returnRequested.lossDate),
  );
}

/**
 * A 資格確認書 for the society's configured period (domain.md 6.4). It is never valid before the day it is issued
 * (a back-dated enrollment gets one valid from the issue date, not one already expired) nor past a coverage end
 * already known, recorded or statutory; none at all when coverage ends before it would start.
 */
export function issueDocument(
  settings: MembershipSettings,
  state: MemberState,
  person: PersonState,
  at: { issuedOn: string; validFrom: string; reason: DocumentReason },
): EligibilityConfirmationDocumentIssued[] {
  const from = businessDate(at.validFrom > at.issuedOn ? at.validFrom : at.issuedOn);
  const full = addDays(addMonths(from, settings.eligibilityDocumentValidityMonths), -1);
  const end = coverageEndOf(state, person);
  if (end !== null && end <= from) return [];
  const validUntil = end !== null && end <= full ? addDays(businessDate(end), -1) : full;
  const { symbol, number } = state.identifiers!;
  return [
    {
      type: 'EligibilityConfirmationDocumentIssued',
      data: {
        personId: person.personId,
        issuedOn: at.issuedOn,
        validFrom: from,
        validUntil,
        reason: at.reason,
        symbol,
        number,
        branch: person.branch,
      },
    },
  ];
}

/** 資格情報のお知らせ (domain.md 6.5): on enrollment and whenever 記号/番号/枝番 change. */
export function issueNotification(
  state: MemberState,
  person: PersonState,
  at: { issuedOn: string; reason: NotificationReason; acquisitionDate: string },
  identifiers: { symbol: string; number: string } = state.identifiers!,
): EligibilityNotificationIssued {
  return {
    type: 'EligibilityNotificationIssued',
    data: {
      personId: person.personId,
      issuedOn: at.issuedOn,
      reason: at.reason,
      symbol: identifiers.symbol,
      number: identifiers.number,
      branch: person.branch,
      acquisitionDate: at.acquisitionDate,
    },
  };
}

/**
 * Documents still valid on `lossDate` must be returned (domain.md 6.4): on loss of eligibility, and when the person's
 * card starts working (a 資格確認書 and a マイナ保険証 are not held in parallel, domain.md 6.2).
 */
export function returnRequests(
  persons: readonly PersonState[],
  lossDate: string,
  requestedOn: string,
  reason: DocumentEndReason = 'eligibility-lost',
): EligibilityConfirmationDocumentReturnRequested[] {
  return persons.flatMap((person) =>
    person.documents
      .filter((d) => d.returnRequested === null && d.validUntil >= lossDate)
      .slice(-1)
      .map((d) => ({
        type: 'EligibilityConfirmationDocumentReturnRequested' as const,
        data: { personId: person.personId, requestedOn, validUntil: d.validUntil, lossDate, reason },
      })),
  );
}
