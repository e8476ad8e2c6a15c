import type { ProtectedIndividualNumber } from './individual-number.js';
import type {
  DependantRemovalReason,
  DocumentEndReason,
  DocumentReason,
  DocumentReturnOutcome,
  Identifiers,
  InsuredLossReason,
  MemberEvent,
  PersonId,
  AutomaticBenefitPayment,
  PublicFundsAccount,
  Relationship,
  Residence,
  Sex,
  StandardRemuneration,
  VoluntaryContinuationEndReason,
} from './member.events.js';
import {
  applyDependantRecognized,
  applyDependantRemoved,
  applyEnrolled,
  applyLoss,
  applyRemuneration,
  applyVoluntaryContinuationStarted,
  updatePerson,
} from './state/apply.js';
import {
  applyDependantRemovalCancelled,
  applyEnrollmentCancelled,
  applyJobChangeCancelled,
  applyLossCancelled,
} from './state/corrections.js';

/** Coverage from `from` (inclusive) until the loss date `until` (exclusive); null while it lasts. */
export interface CoveragePeriod {
  from: string;
  until: string | null;
}

export interface CardLinkage {
  linkedOn: string | null;
  /** Pending or effective 利用登録解除; the card stops working on `effectiveOn`. */
  cancellation: { requestedOn: string; effectiveOn: string } | null;
  /** The card keeps working until `usableUntil` (domain.md 6.3 grace). */
  certificate: { expiresOn: string; usableUntil: string } | null;
}

export interface EligibilityDocument {
  issuedOn: string;
  validFrom: string;
  validUntil: string;
  reason: DocumentReason;
  /** Set on loss of eligibility or card linkage: the document stops counting on `lossDate` and is to be returned. */
  returnRequested: {
    requestedOn: string;
    lossDate: string;
    reason: DocumentEndReason;
    outcome: { outcome: DocumentReturnOutcome; on: string } | null;
  } | null;
}

export interface PersonState {
  personId: PersonId;
  branch: string;
  name: string;
  nameKana: string;
  dateOfBirth: string;
  sex: Sex;
  individualNumber: ProtectedIndividualNumber;
  coverage: CoveragePeriod[];
  card: CardLinkage;
  /** Every 資格確認書 issued to the person, oldest first. */
  documents: EligibilityDocument[];
  notificationsIssued: number;
  /** 高齢受給者 from this date (absent in views folded before it existed). */
  elderlyRecipientFrom?: string | null;
}

export interface DependantState extends PersonState {
  dependantId: string;
  relationship: Relationship;
  status: 'active' | 'removed' | 'cancelled';
  recognizedFrom: string;
  expectedAnnualIncome: number;
  sameHousehold: boolean;
  monthlyRemittance: number | null;
  residence: Residence;
  disabled: boolean;
  removal: { reason: DependantRemovalReason | 'insured-lost'; lossDate: string } | null;
  /** Years in which the dependant was put on the re-check list. */
  reviewsListed?: number[];
}

/** 'cancelled': the enrollment itself was cancelled (取消) as wrongly recorded. */
export type MemberStatus = 'not-enrolled' | 'active' | 'lost' | 'voluntary-continuation' | 'cancelled';

export interface VoluntaryContinuationState {
  applicationDate: string;
  startDate: string;
  latestLossDate: string;
  end: { reason: VoluntaryContinuationEndReason; lossDate: string } | null;
}

export interface MemberState {
  status: MemberStatus;
  memberId: string | null;
  identifiers: Identifiers | null;
  acquisitionDate: string | null;
  postalCode: string | null;
  address: string | null;
  insured: PersonState | null;
  loss: { reason: InsuredLossReason; lossDate: string } | null;
  voluntaryContinuation: VoluntaryContinuationState | null;
  /** Sorted by effectiveFrom; one entry per month at most (a later decision for the same month replaces it). */
  remunerationHistory: StandardRemuneration[];
  /** In order of recognition, removed ones included. */
  dependants: DependantState[];
  /** Last refusal per dependantId, so that re-sending a refused recognition is a no-op. */
  refusals: Record<string, { requestedFrom: string; rules: string[] }>;
  account: PublicFundsAccount | null;
  /** Job changes in order, so the latest can be cancelled (absent in views folded before corrections existed). */
  transfers?: { previous: Identifiers; effectiveDate: string }[];
  /** How automatic benefits are paid (issue 13.4); null: they wait for a clerk to give an account (absent in older views). */
  automaticBenefitPayment?: AutomaticBenefitPayment | null;
}

export function initialState(): MemberState {
  return {
    status: 'not-enrolled',
    memberId: null,
    identifiers: null,
    acquisitionDate: null,
    postalCode: null,
    address: null,
    insured: null,
    loss: null,
    voluntaryContinuation: null,
    remunerationHistory: [],
    dependants: [],
    refusals: {},
    account: null,
    transfers: [],
    automaticBenefitPayment: null,
  };
}

export function evolve(state: MemberState, event: MemberEvent): MemberState {
  const d = event.data;
  switch (event.type) {
    case 'MemberEnrolled':
      return applyEnrolled(event.data);
    case 'MemberTransferred': {
      const { officeCode, symbol, number, previous, effectiveDate } = event.data;
      const transfers = [...(state.transfers ?? []), { previous, effectiveDate }];
      return { ...state, identifiers: { officeCode, symbol, number }, transfers };
    }
    case 'StandardRemunerationRevised':
      return applyRemuneration(state, event.data);
    case 'DependantRecognized':
      return applyDependantRecognized(state, event.data);
    case 'DependantRecognitionRefused': {
      const { dependantId, requestedFrom, reasons } = event.data;
      return {
        ...state,
        refusals: { ...state.refusals, [dependantId]: { requestedFrom, rules: reasons.map((r) => r.rule) } },
      };
    }
    case 'DependantRemoved':
      return applyDependantRemoved(state, event.data.dependantId, event.data.reason, event.data.lossDate);
    case 'CardLinked':
      return updatePerson(state, d.personId, (p) => ({
        ...p,
        card: { ...p.card, linkedOn: event.data.linkedOn, cancellation: null },
      }));
    case 'CardLinkageCancellationRequested': {
      const { requestedOn, effectiveOn } = event.data;
      return updatePerson(state, d.personId, (p) => ({
        ...p,
        card: { ...p.card, cancellation: { requestedOn, effectiveOn } },
      }));
    }
    case 'ElectronicCertificateExpiryRecorded': {
      const { expiresOn, usableUntil } = event.data;
      return updatePerson(state, d.personId, (p) => ({
        ...p,
        card: { ...p.card, certificate: { expiresOn, usableUntil } },
      }));
    }
    case 'EligibilityConfirmationDocumentIssued': {
      const { issuedOn, validFrom, validUntil, reason } = event.data;
      const document = { issuedOn, validFrom, validUntil, reason, returnRequested: null };
      return updatePerson(state, d.personId, (p) => ({ ...p, documents: [...p.documents, document] }));
    }
    case 'EligibilityConfirmationDocumentReturnRequested': {
      const { requestedOn, lossDate, reason = 'eligibility-lost' } = event.data;
      const returnRequested = { requestedOn, lossDate, reason, outcome: null };
      return updatePerson(state, d.personId, (p) => ({
        ...p,
        documents: p.documents.map((doc) => (doc.returnRequested === null ? { ...doc, returnRequested } : doc)),
      }));
    }
    case 'EligibilityConfirmationDocumentReturnRecorded': {
      const { validUntil, outcome, on } = event.data;
      return updatePerson(state, d.personId, (p) => ({
        ...p,
        documents: p.documents.map((doc) =>
          doc.validUntil === validUntil && doc.returnRequested && doc.returnRequested.outcome === null
            ? { ...doc, returnRequested: { ...doc.returnRequested, outcome: { outcome, on } } }
            : doc,
        ),
      }));
    }
    case 'ElderlyRecipientCertified':
      return updatePerson(state, d.personId, (p) => ({ ...p, elderlyRecipientFrom: event.data.effectiveFrom }));
    case 'DependantReviewListed': {
      const { dependantId, year } = event.data;
      return {
        ...state,
        dependants: state.dependants.map((dep) =>
          dep.dependantId === dependantId ? { ...dep, reviewsListed: [...(dep.reviewsListed ?? []), year] } : dep,
        ),
      };
    }
    case 'PersonNameChanged': {
      const { name, nameKana } = event.data;
      return updatePerson(state, d.personId, (p) => ({ ...p, name, nameKana }));
    }
    case 'MemberAddressChanged':
      return { ...state, postalCode: event.data.postalCode, address: event.data.address };
    case 'EnrollmentCancelled':
      return applyEnrollmentCancelled(state);
    case 'EligibilityLossCancelled':
      return applyLossCancelled(state, event.data);
    case 'JobChangeCancelled':
      return applyJobChangeCancelled(state, event.data);
    case 'DependantRecognitionCancelled':
      return {
        ...state,
        dependants: state.dependants.map((dep) =>
          dep.dependantId === event.data.dependantId ? { ...dep, status: 'cancelled' as const, coverage: [] } : dep,
        ),
      };
    case 'DependantRemovalCancelled':
      return applyDependantRemovalCancelled(state, event.data);
    case 'EligibilityNotificationIssued':
      return updatePerson(state, d.personId, (p) => ({ ...p, notificationsIssued: p.notificationsIssued + 1 }));
    case 'PublicFundsAccountRegistered':
    case 'PublicFundsAccountChanged': {
      const { bankCode, branchCode, accountType, accountNumber, holderName, holderNameZengin } = event.data;
      return { ...state, account: { bankCode, branchCode, accountType, accountNumber, holderName, holderNameZengin } };
    }
    case 'PublicFundsAccountRemoved':
      return { ...state, account: null };
    case 'AutomaticBenefitPaymentChosen':
      return { ...state, automaticBenefitPayment: event.data.payment };
    case 'AutomaticBenefitPaymentCleared':
      return { ...state, automaticBenefitPayment: null };
    case 'MemberEligibilityLost': {
      const { reason, lossDate, dependantIds } = event.data;
      return { ...applyLoss(state, lossDate, dependantIds), status: 'lost', loss: { reason, lossDate } };
    }
    case 'VoluntaryContinuationStarted':
      return applyVoluntaryContinuationStarted(state, event.data);
    case 'VoluntaryContinuationEnded': {
      const { reason, lossDate, dependantIds } = event.data;
      const ended = applyLoss(state, lossDate, dependantIds);
      const vc = ended.voluntaryContinuation!;
      return { ...ended, status: 'lost', voluntaryContinuation: { ...vc, end: { reason, lossDate } } };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown member event ${(unknown as { type: string }).type}`);
    }
  }
}
