import type { RecordedEvent } from '@kenpo/kernel';
import type { MemberEventType } from '@kenpo/membership';

/** Every member event type (a Record, so a new event type fails to compile until it is listed here). */
const EVERY_MEMBER_EVENT: Record<MemberEventType, true> = {
  MemberEnrolled: true,
  MemberTransferred: true,
  StandardRemunerationRevised: true,
  DependantRecognized: true,
  DependantRecognitionRefused: true,
  DependantRemoved: true,
  CardLinked: true,
  CardLinkageCancellationRequested: true,
  ElectronicCertificateExpiryRecorded: true,
  EligibilityConfirmationDocumentIssued: true,
  EligibilityConfirmationDocumentReturnRequested: true,
  EligibilityNotificationIssued: true,
  PublicFundsAccountRegistered: true,
  PublicFundsAccountChanged: true,
  PublicFundsAccountRemoved: true,
  AutomaticBenefitPaymentChosen: true,
  AutomaticBenefitPaymentCleared: true,
  MemberEligibilityLost: true,
  VoluntaryContinuationStarted: true,
  VoluntaryContinuationEnded: true,
  EligibilityConfirmationDocumentReturnRecorded: true,
  ElderlyRecipientCertified: true,
  DependantReviewListed: true,
  PersonNameChanged: true,
  MemberAddressChanged: true,
  EnrollmentCancelled: true,
  EligibilityLossCancelled: true,
  JobChangeCancelled: true,
  DependantRecognitionCancelled: true,
  DependantRemovalCancelled: true,
};

/** The member projections consume the whole stream so their fold matches the decider's. */
export const MEMBER_EVENT_TYPES: readonly MemberEventType[] = Object.keys(EVERY_MEMBER_EVENT) as MemberEventType[];

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
