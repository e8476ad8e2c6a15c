import type { RecordedEvent } from '@kenpo/kernel';
import type { MemberEventType } from '@kenpo/membership';

/** Every member event type: the member projections consume the whole stream so their fold matches the decider's. */
export const MEMBER_EVENT_TYPES: readonly MemberEventType[] = [
  'MemberEnrolled',
  'MemberTransferred',
  'StandardRemunerationRevised',
  'DependantRecognized',
  'DependantRecognitionRefused',
  'DependantRemoved',
  'CardLinked',
  'CardLinkageCancellationRequested',
  'ElectronicCertificateExpiryRecorded',
  'EligibilityConfirmationDocumentIssued',
  'EligibilityConfirmationDocumentReturnRequested',
  'EligibilityNotificationIssued',
  'PublicFundsAccountRegistered',
  'PublicFundsAccountChanged',
  'PublicFundsAccountRemoved',
  'MemberEligibilityLost',
  'VoluntaryContinuationStarted',
  'VoluntaryContinuationEnded',
];

export const MEMBER_STREAM_PREFIX = 'member-';

export function memberIdOf(event: RecordedEvent): string {
  return event.streamId.slice(MEMBER_STREAM_PREFIX.length);
}

/** Thrown when a member stream's revisions arrive with a hole: the view would silently miss a fact. */
export class ProjectionGapError extends Error {
  constructor(
    readonly projection: string,
    readonly streamId: string,
    readonly expected: number,
    readonly received: number,
  ) {
    super(`${projection}: ${streamId} revision ${received} arrived before revision ${expected}`);
    this.name = 'ProjectionGapError';
  }
}
