import type { Command } from '@kenpo/kernel';
import type { ProtectedIndividualNumber } from './individual-number.js';
import type {
  AccountType,
  ApplicationReason,
  DocumentReturnOutcome,
  ScheduledDocumentReason,
  DependantRemovalReason,
  PersonId,
  RemunerationDecisionKind,
  Relationship,
  Residence,
  Sex,
} from './member.events.js';

/*
 * Commands carry plain JSON (dates as YYYY-MM-DD strings); `decide` validates them. The date a document or
 * notification is issued on is the Japan date of `metadata.now`.
 */

/** Either the reported monthly remuneration (mapped to a grade, domain.md 5) or a grade directly. */
export type RemunerationInput =
  { monthlyRemuneration: number; grade?: undefined } | { grade: number; monthlyRemuneration?: undefined };
/** Present when the person's Individual Number Card is already registered as a health insurance card. */
export interface CardLinkageInput {
  linkedOn: string;
}

export type EnrollMember = Command<
  'EnrollMember',
  {
    memberId: string;
    officeCode: string;
    symbol: string;
    number: string;
    individualNumber: ProtectedIndividualNumber;
    name: string;
    nameKana: string;
    dateOfBirth: string;
    sex: Sex;
    postalCode: string;
    address: string;
    acquisitionDate: string;
    remuneration: RemunerationInput;
    cardLinkage?: CardLinkageInput | null;
  }
>;

export type ChangeJob = Command<
  'ChangeJob',
  {
    /** false: the new employer is outside the society, which is a loss of eligibility, not a job change. */
    withinSociety: boolean;
    officeCode: string;
    symbol: string;
    number: string;
    effectiveDate: string;
  }
>;

export type ReviseStandardRemuneration = Command<
  'ReviseStandardRemuneration',
  {
    effectiveFrom: string;
    kind: Exclude<RemunerationDecisionKind, 'acquisition'>;
    remuneration: RemunerationInput;
  }
>;

export type RecognizeDependant = Command<
  'RecognizeDependant',
  {
    dependantId: string;
    relationship: Relationship;
    individualNumber: ProtectedIndividualNumber;
    name: string;
    nameKana: string;
    dateOfBirth: string;
    sex: Sex;
    recognizedFrom: string;
    expectedAnnualIncome: number;
    sameHousehold: boolean;
    monthlyRemittance?: number | null;
    residence: Residence;
    disabled: boolean;
    /**
     * The insured's annual income for the half-income test. When absent, the standard monthly remuneration in
     * force in the month of recognition × 12 is used (bonuses excluded: a documented simplification).
     */
    insuredAnnualIncome?: number | null;
    /** domain.md 3.3 exception: at or above half but not above the insured's income, the insured being the main earner. */
    insuredIsMainEarner?: boolean;
    cardLinkage?: CardLinkageInput | null;
  }
>;

export type RemoveDependant = Command<
  'RemoveDependant',
  {
    dependantId: string;
    reason: DependantRemovalReason;
    /** Required except for 'age-75', where it is the 75th birthday. */
    lossDate?: string;
  }
>;

export type LinkCard = Command<'LinkCard', { personId: PersonId; linkedOn: string }>;
export type RequestCardLinkageCancellation = Command<
  'RequestCardLinkageCancellation',
  { personId: PersonId; requestedOn: string }
>;
export type RecordElectronicCertificateExpiry = Command<
  'RecordElectronicCertificateExpiry',
  { personId: PersonId; expiresOn: string }
>;

/** 資格確認書 on application (domain.md 6.4), valid from the day it is issued. */
export type IssueEligibilityDocument = Command<
  'IssueEligibilityDocument',
  { personId: PersonId; reason: ApplicationReason }
>;
/** The latest document whose return was requested came back, or is recorded as not returned. */
export type RecordEligibilityDocumentReturn = Command<
  'RecordEligibilityDocumentReturn',
  { personId: PersonId; outcome: DocumentReturnOutcome; on: string }
>;

/* Commands of the daily lifecycle run: what a date brings, each idempotent (re-sent, it records nothing). */
export type IssueScheduledEligibilityDocument = Command<
  'IssueScheduledEligibilityDocument',
  { personId: PersonId; validFrom: string; reason: ScheduledDocumentReason }
>;
export type CertifyElderlyRecipient = Command<'CertifyElderlyRecipient', { personId: PersonId; effectiveFrom: string }>;
export type ListDependantForReview = Command<
  'ListDependantForReview',
  { dependantId: string; year: number; dueOn: string }
>;

export type ChangeName = Command<
  'ChangeName',
  { personId: PersonId; name: string; nameKana: string; effectiveDate: string }
>;
export type ChangeAddress = Command<'ChangeAddress', { postalCode: string; address: string; effectiveDate: string }>;

export type CancellationTarget = 'acquisition' | 'loss' | 'job-change' | 'dependant-recognition' | 'dependant-removal';
/** 取消 of the latest recorded fact of that kind (for dependants, of that dependant), with the clerk's reason. */
export type CancelRecord = Command<
  'CancelRecord',
  { target: CancellationTarget; dependantId?: string; reason: string }
>;

export type RegisterPublicFundsAccount = Command<
  'RegisterPublicFundsAccount',
  {
    bankCode: string;
    branchCode: string;
    accountType: AccountType;
    accountNumber: string;
    holderName: string;
  }
>;
export type RemovePublicFundsAccount = Command<'RemovePublicFundsAccount', Record<string, never>>;
/** How benefits the society derives itself (高額療養費, 付加給付) are paid: the 公金受取口座, or this account. */
export type ChooseAutomaticBenefitPayment = Command<
  'ChooseAutomaticBenefitPayment',
  | { method: 'public-funds' }
  | {
      method: 'account';
      account: {
        bankCode: string;
        branchCode: string;
        accountType: AccountType;
        accountNumber: string;
        holderName: string;
      };
    }
>;
export type ClearAutomaticBenefitPayment = Command<'ClearAutomaticBenefitPayment', Record<string, never>>;

export type LossOfEligibility =
  | { reason: 'retirement'; lastWorkingDay: string }
  | { reason: 'death'; dateOfDeath: string }
  | { reason: 'age-75' }
  | { reason: 'other-insurer'; lossDate: string }
  | { reason: 'other'; lossDate: string };
export type RecordLossOfEligibility = Command<'RecordLossOfEligibility', LossOfEligibility>;

export type StartVoluntaryContinuation = Command<
  'StartVoluntaryContinuation',
  {
    applicationDate: string;
    /** The society may give 任意継続 members their own 記号/番号; absent keeps the current ones. */
    symbol?: string;
    number?: string;
  }
>;

export type VoluntaryContinuationEnd =
  | { reason: 'two-years-elapsed' }
  | { reason: 'death'; dateOfDeath: string }
  | { reason: 'premium-unpaid'; dueDate: string }
  | { reason: 'insured-elsewhere'; insuredFrom: string }
  | { reason: 'age-75' }
  | { reason: 'own-request'; requestReceivedOn: string };
export type EndVoluntaryContinuation = Command<'EndVoluntaryContinuation', VoluntaryContinuationEnd>;

export type MemberCommand =
  | EnrollMember
  | ChangeJob
  | ReviseStandardRemuneration
  | RecognizeDependant
  | RemoveDependant
  | LinkCard
  | RequestCardLinkageCancellation
  | RecordElectronicCertificateExpiry
  | IssueEligibilityDocument
  | RecordEligibilityDocumentReturn
  | IssueScheduledEligibilityDocument
  | CertifyElderlyRecipient
  | ListDependantForReview
  | ChangeName
  | ChangeAddress
  | CancelRecord
  | RegisterPublicFundsAccount
  | RemovePublicFundsAccount
  | ChooseAutomaticBenefitPayment
  | ClearAutomaticBenefitPayment
  | RecordLossOfEligibility
  | StartVoluntaryContinuation
  | EndVoluntaryContinuation;
