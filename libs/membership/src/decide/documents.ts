import { addDays, addMonths, businessDate } from '@kenpo/kernel';
import type { MembershipSettings } from '../membership-settings.js';
import type {
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

/** A 資格確認書 from `validFrom` for the society's configured period (domain.md 6.4). */
export function issueDocument(
  settings: MembershipSettings,
  state: MemberState,
  person: PersonState,
  at: { issuedOn: string; validFrom: string; reason: DocumentReason },
): EligibilityConfirmationDocumentIssued {
  const from = businessDate(at.validFrom);
  const validUntil = addDays(addMonths(from, settings.eligibilityDocumentValidityMonths), -1);
  const { symbol, number } = state.identifiers!;
  return {
    type: 'EligibilityConfirmationDocumentIssued',
    data: {
      personId: person.personId,
      issuedOn: at.issuedOn,
      validFrom: at.validFrom,
      validUntil,
      reason: at.reason,
      symbol,
      number,
      branch: person.branch,
    },
  };
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

/** Documents still valid after the loss date must be returned (domain.md 6.4). */
export function returnRequests(
  persons: readonly PersonState[],
  lossDate: string,
  requestedOn: string,
): EligibilityConfirmationDocumentReturnRequested[] {
  return persons.flatMap((person) =>
    person.documents
      .filter((d) => d.returnRequested === null && d.validUntil >= lossDate)
      .slice(-1)
      .map((d) => ({
        type: 'EligibilityConfirmationDocumentReturnRequested' as const,
        data: { personId: person.personId, requestedOn, validUntil: d.validUntil, lossDate },
      })),
  );
}
