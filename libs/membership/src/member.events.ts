import type { Event } from '@kenpo/kernel';
import type { RecordedIndividualNumber } from './individual-number.js';

/** 'insured' for the insured person, the dependantId for a dependant. */
export type PersonId = string;
export const INSURED: PersonId = 'insured';

export type Sex = 'male' | 'female';
export type Identifiers = { officeCode: string; symbol: string; number: string };

/** 資格取得時決定 / 定時決定 / 随時改定 / anything else (e.g. a correction). */
export type RemunerationDecisionKind = 'acquisition' | 'periodic' | 'occasional' | 'other';
export type StandardRemuneration = {
  grade: number;
  standardMonthlyRemuneration: number;
  /** YYYY-MM: the grade applies from this month until the next entry. */
  effectiveFrom: string;
  kind: RemunerationDecisionKind;
  /** The reported monthly remuneration when the grade was derived from it. */
  reportedRemuneration: number | null;
};

export type Relationship =
  | 'spouse'
  | 'common-law-spouse'
  | 'child'
  | 'grandchild'
  | 'parent'
  | 'grandparent'
  | 'great-grandparent'
  | 'sibling'
  | 'other-relative-within-third-degree'
  | 'common-law-spouse-parent'
  | 'common-law-spouse-child';

export type ResidenceException =
  | 'overseas-student'
  | 'accompanying-posted-insured'
  | 'temporary-travel'
  | 'relationship-formed-abroad'
  | 'life-base-in-japan';
/** 国内居住要件 (domain.md 3.3): a resident card in Japan, or one of the exceptions while abroad. */
export interface Residence {
  inJapan: boolean;
  exception: ResidenceException | null;
  /** Visa kinds excluded even with a resident card: medical stay (and carers), long-stay sightseeing. */
  excludedVisa: 'medical-stay' | 'long-stay-sightseeing' | null;
}

/** One failed recognition criterion; no personal data, so it can be shown and logged as is. */
export interface RefusalReason {
  rule: string;
  field: string;
  message: string;
}

export type DocumentReason =
  | 'no-card-linkage'
  | 'card-linkage-cancelled'
  | 'certificate-expired'
  | 'identifiers-changed'
  | 'voluntary-continuation'
  /** Issued on application (domain.md 6.4). */
  | ApplicationReason
  /** Issued by the lifecycle run before the previous one expires. */
  | 'renewal';
/** Documents the lifecycle run issues: renewal before expiry, and at the end of the certificate's grace. */
export type ScheduledDocumentReason = 'renewal' | 'certificate-expired';
/** 資格確認書 on application (domain.md 6.4): card lost, card being renewed, a person needing assistance (要配慮者). */
export type ApplicationReason = 'card-lost' | 'card-renewal' | 'needs-assistance';
/** Why a 資格確認書 stops counting before its expiry: the coverage ended, or the person's card now works. */
export type DocumentEndReason = 'eligibility-lost' | 'card-linked';
export type DocumentReturnOutcome = 'returned' | 'not-returned';
export type NotificationReason =
  | 'enrollment'
  | 'dependant-recognized'
  | 'identifiers-changed'
  | 'voluntary-continuation'
  | 'name-changed'
  | 'elderly-recipient';

export type InsuredLossReason = 'retirement' | 'death' | 'age-75' | 'other-insurer' | 'other';
export type VoluntaryContinuationEndReason =
  'two-years-elapsed' | 'death' | 'premium-unpaid' | 'insured-elsewhere' | 'age-75' | 'own-request';
export type DependantRemovalReason =
  'income-exceeded' | 'employment' | 'death' | 'age-75' | 'separation' | 'divorce' | 'residence' | 'other';

export type AccountType = 'ordinary' | 'current' | 'savings';
export type PublicFundsAccount = {
  bankCode: string;
  branchCode: string;
  accountType: AccountType;
  accountNumber: string;
  /** As entered (full-width kana) and in the Zengin half-width set used on transfer files (domain.md 8.4). */
  holderName: string;
  holderNameZengin: string;
};

export type MemberEnrolled = Event<
  'MemberEnrolled',
  Identifiers & {
    memberId: string;
    personId: PersonId;
    branch: string;
    name: string;
    nameKana: string;
    dateOfBirth: string;
    sex: Sex;
    postalCode: string;
    address: string;
    /** Events recorded before the vault index hold the legacy form: read it through protectedNumberOf. */
    individualNumber: RecordedIndividualNumber;
    acquisitionDate: string;
    standardRemuneration: StandardRemuneration;
  }
>;
/** Job change to another office of the same society: same member, continuous coverage, new 記号/番号. */
export type MemberTransferred = Event<
  'MemberTransferred',
  Identifiers & {
    personId: PersonId;
    effectiveDate: string;
    previous: Identifiers;
  }
>;
export type StandardRemunerationRevised = Event<
  'StandardRemunerationRevised',
  StandardRemuneration & { personId: PersonId }
>;
export type DependantRecognized = Event<
  'DependantRecognized',
  {
    personId: PersonId;
    dependantId: string;
    branch: string;
    relationship: Relationship;
    /** Events recorded before the vault index hold the legacy form: read it through protectedNumberOf. */
    individualNumber: RecordedIndividualNumber;
    name: string;
    nameKana: string;
    dateOfBirth: string;
    sex: Sex;
    expectedAnnualIncome: number;
    sameHousehold: boolean;
    monthlyRemittance: number | null;
    residence: Residence;
    disabled: boolean;
    recognizedFrom: string;
  }
>;
export type DependantRecognitionRefused = Event<
  'DependantRecognitionRefused',
  {
    personId: PersonId;
    dependantId: string;
    relationship: Relationship;
    requestedFrom: string;
    reasons: RefusalReason[];
  }
>;
export type DependantRemoved = Event<
  'DependantRemoved',
  {
    personId: PersonId;
    dependantId: string;
    reason: DependantRemovalReason;
    lossDate: string;
  }
>;
export type CardLinked = Event<'CardLinked', { personId: PersonId; linkedOn: string }>;
/** 利用登録解除: the card stops working as a health insurance card on `effectiveOn` (domain.md 6.2). */
export type CardLinkageCancellationRequested = Event<
  'CardLinkageCancellationRequested',
  {
    personId: PersonId;
    requestedOn: string;
    effectiveOn: string;
  }
>;
export type ElectronicCertificateExpiryRecorded = Event<
  'ElectronicCertificateExpiryRecorded',
  {
    personId: PersonId;
    expiresOn: string;
    usableUntil: string;
  }
>;
export type EligibilityConfirmationDocumentIssued = Event<
  'EligibilityConfirmationDocumentIssued',
  {
    personId: PersonId;
    issuedOn: string;
    validFrom: string;
    validUntil: string;
    reason: DocumentReason;
    symbol: string;
    number: string;
    branch: string;
  }
>;
/** The person's documents stop counting on `lossDate` (the loss date, or the day the card took over) and are to be returned. */
export type EligibilityConfirmationDocumentReturnRequested = Event<
  'EligibilityConfirmationDocumentReturnRequested',
  {
    personId: PersonId;
    requestedOn: string;
    validUntil: string;
    lossDate: string;
    /** Absent on events recorded before card linkage ended documents: 'eligibility-lost'. */
    reason?: DocumentEndReason;
  }
>;
/** Whether a document whose return was requested came back (domain.md 6.4). */
export type EligibilityConfirmationDocumentReturnRecorded = Event<
  'EligibilityConfirmationDocumentReturnRecorded',
  {
    personId: PersonId;
    validUntil: string;
    outcome: DocumentReturnOutcome;
    /** The day it came back, or the day the society recorded it as not returned. */
    on: string;
  }
>;
export type EligibilityNotificationIssued = Event<
  'EligibilityNotificationIssued',
  {
    personId: PersonId;
    issuedOn: string;
    reason: NotificationReason;
    symbol: string;
    number: string;
    branch: string;
    acquisitionDate: string;
  }
>;
export type PublicFundsAccountRegistered = Event<
  'PublicFundsAccountRegistered',
  PublicFundsAccount & {
    personId: PersonId;
    effectiveOn: string;
  }
>;
export type PublicFundsAccountChanged = Event<
  'PublicFundsAccountChanged',
  PublicFundsAccount & {
    personId: PersonId;
    effectiveOn: string;
  }
>;
export type PublicFundsAccountRemoved = Event<'PublicFundsAccountRemoved', { personId: PersonId; effectiveOn: string }>;
/** The member's standing choice for automatic benefits (issue 13.4); without one they wait for an account. */
export type AutomaticBenefitPayment = { method: 'public-funds' } | { method: 'account'; account: PublicFundsAccount };
export type AutomaticBenefitPaymentChosen = Event<
  'AutomaticBenefitPaymentChosen',
  { personId: PersonId; payment: AutomaticBenefitPayment; effectiveOn: string }
>;
export type AutomaticBenefitPaymentCleared = Event<
  'AutomaticBenefitPaymentCleared',
  { personId: PersonId; effectiveOn: string }
>;
/** 資格喪失 of the insured; the listed dependants lose on the same date. */
export type MemberEligibilityLost = Event<
  'MemberEligibilityLost',
  {
    personId: PersonId;
    reason: InsuredLossReason;
    lossDate: string;
    dependantIds: string[];
  }
>;
/** 任意継続: coverage resumes on the loss date; `latestLossDate` is the day after the 2 years end. */
export type VoluntaryContinuationStarted = Event<
  'VoluntaryContinuationStarted',
  {
    personId: PersonId;
    applicationDate: string;
    startDate: string;
    latestLossDate: string;
    symbol: string;
    number: string;
  }
>;
export type VoluntaryContinuationEnded = Event<
  'VoluntaryContinuationEnded',
  {
    personId: PersonId;
    reason: VoluntaryContinuationEndReason;
    lossDate: string;
    dependantIds: string[];
  }
>;

/** 高齢受給者 (70–74): the co-payment share and the high-cost brackets change from `effectiveFrom` (domain.md 4.5). */
export type ElderlyRecipientCertified = Event<
  'ElderlyRecipientCertified',
  { personId: PersonId; effectiveFrom: string }
>;
/** The dependant is on the year's re-check list (被扶養者資格の再確認, domain.md 3.3): income, household, residence. */
export type DependantReviewListed = Event<
  'DependantReviewListed',
  { personId: PersonId; dependantId: string; year: number; dueOn: string }
>;

/** 氏名変更 (domain.md 3.1) of the insured or a dependant. */
export type PersonNameChanged = Event<
  'PersonNameChanged',
  { personId: PersonId; name: string; nameKana: string; effectiveDate: string }
>;
/** 住所変更 (domain.md 3.1): the member's household address. */
export type MemberAddressChanged = Event<
  'MemberAddressChanged',
  { personId: PersonId; postalCode: string; address: string; effectiveDate: string }
>;

/*
 * 取消: a wrongly recorded fact is cancelled by a compensating event that names what it cancels and why; the
 * mistaken event stays in history. Each carries what the fold needs to undo it.
 */
export type EnrollmentCancelled = Event<
  'EnrollmentCancelled',
  { personId: PersonId; acquisitionDate: string; reason: string }
>;
export type EligibilityLossCancelled = Event<
  'EligibilityLossCancelled',
  {
    personId: PersonId;
    lossDate: string;
    /** The loss ended voluntary continuation (VoluntaryContinuationEnded) rather than employment. */
    voluntaryContinuation: boolean;
    dependantIds: string[];
    reason: string;
  }
>;
export type JobChangeCancelled = Event<
  'JobChangeCancelled',
  Identifiers & { personId: PersonId; effectiveDate: string; cancelled: Identifiers; reason: string }
>;
export type DependantRecognitionCancelled = Event<
  'DependantRecognitionCancelled',
  { personId: PersonId; dependantId: string; reason: string }
>;
export type DependantRemovalCancelled = Event<
  'DependantRemovalCancelled',
  { personId: PersonId; dependantId: string; lossDate: string; reason: string }
>;

export type MemberEvent =
  | MemberEnrolled
  | MemberTransferred
  | StandardRemunerationRevised
  | DependantRecognized
  | DependantRecognitionRefused
  | DependantRemoved
  | CardLinked
  | CardLinkageCancellationRequested
  | ElectronicCertificateExpiryRecorded
  | EligibilityConfirmationDocumentIssued
  | EligibilityConfirmationDocumentReturnRequested
  | EligibilityConfirmationDocumentReturnRecorded
  | EligibilityNotificationIssued
  | PublicFundsAccountRegistered
  | PublicFundsAccountChanged
  | PublicFundsAccountRemoved
  | AutomaticBenefitPaymentChosen
  | AutomaticBenefitPaymentCleared
  | MemberEligibilityLost
  | VoluntaryContinuationStarted
  | VoluntaryContinuationEnded
  | ElderlyRecipientCertified
  | DependantReviewListed
  | PersonNameChanged
  | MemberAddressChanged
  | EnrollmentCancelled
  | EligibilityLossCancelled
  | JobChangeCancelled
  | DependantRecognitionCancelled
  | DependantRemovalCancelled;

export type MemberEventType = MemberEvent['type'];
