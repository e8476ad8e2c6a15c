import type {
  AccountType,
  ApplicationReason,
  DependantRemovalReason,
  DocumentEndReason,
  DocumentReason,
  DocumentReturnOutcome,
  InsuredLossReason,
  MemberStatus,
  RemunerationDecisionKind,
  Relationship,
  ResidenceException,
  Sex,
  VoluntaryContinuationEndReason,
} from '@kenpo/membership';

export class TransferDto {
  /** The identifiers before the job change */
  previous!: IdentifiersDto;
  effectiveDate!: string;
}

/** What a member command answers. */
export class MemberCommandAnswerDto {
  memberId!: string;
  /** The member stream's revision after the command: send it as If-Match with the next write */
  revision!: number;
  /** Global position of the last event: pass it as minPosition (X-Min-Position) to read your own write */
  position!: number | null;
  /** Types of the events recorded (empty when the command changed nothing) */
  events!: string[];
}

export class DependantRecognizedDto extends MemberCommandAnswerDto {
  /** The new dependant's id (also its personId) */
  dependantId!: string;
}

export class IdentifiersDto {
  officeCode!: string;
  /** 記号 */
  symbol!: string;
  /** 番号 */
  number!: string;
}

export class IdentifierPeriodDto extends IdentifiersDto {
  /** YYYY-MM-DD: the identifiers apply from this date until the next entry's */
  from!: string;
}

export class StandardRemunerationDto {
  /** 等級 (1-50) */
  grade!: number;
  /** 標準報酬月額, yen */
  standardMonthlyRemuneration!: number;
  /** YYYY-MM: applies from this month until the next entry */
  effectiveFrom!: string;
  kind!: RemunerationDecisionKind;
  /** The reported monthly remuneration when the grade was derived from it */
  reportedRemuneration!: number | null;
}

export class CoveragePeriodDto {
  /** YYYY-MM-DD, inclusive */
  from!: string;
  /** YYYY-MM-DD, the loss date (exclusive); null while the coverage lasts */
  until!: string | null;
}

export class CardCancellationDto {
  requestedOn!: string;
  /** The card stops working on this date */
  effectiveOn!: string;
}

export class CardCertificateDto {
  expiresOn!: string;
  /** The card keeps working until this date (grace after the certificate's expiry) */
  usableUntil!: string;
}

/** マイナ保険証: linkage of the person's My Number Card. */
export class CardLinkageViewDto {
  linkedOn!: string | null;
  cancellation!: CardCancellationDto | null;
  certificate!: CardCertificateDto | null;
}

export class DocumentReturnOutcomeDto {
  outcome!: DocumentReturnOutcome;
  on!: string;
}

export class DocumentReturnRequestDto {
  requestedOn!: string;
  /** The document stops counting on this date */
  lossDate!: string;
  reason!: DocumentEndReason;
  outcome!: DocumentReturnOutcomeDto | null;
}

/** 資格確認書 issued to the person. */
export class EligibilityDocumentDto {
  issuedOn!: string;
  validFrom!: string;
  validUntil!: string;
  reason!: DocumentReason | ApplicationReason;
  returnRequested!: DocumentReturnRequestDto | null;
}

/** The insured person as a clerk sees them: the Individual Number masked, coverage as in force today. */
export class PersonDto {
  /** `insured`, or the dependant's id */
  personId!: string;
  /** 枝番 */
  branch!: string;
  name!: string;
  nameKana!: string;
  dateOfBirth!: string;
  sex!: Sex;
  /** Masked: `********1234` */
  individualNumber!: string;
  /** Coverage periods with the statutory ends applied */
  coverage!: CoveragePeriodDto[];
  card!: CardLinkageViewDto;
  documents!: EligibilityDocumentDto[];
  notificationsIssued!: number;
  /** 高齢受給者 (70-74) from this date, once certified */
  elderlyRecipientFrom?: string | null;
  /** Covered on `today` */
  coveredToday!: boolean;
  /** What proves the coverage today */
  documentToday!: 'linked-card' | 'eligibility-confirmation-document' | null;
}

/** 国内居住要件 of a dependant. */
export class ResidenceViewDto {
  inJapan!: boolean;
  exception!: ResidenceException | null;
  excludedVisa!: 'medical-stay' | 'long-stay-sightseeing' | null;
}

export class DependantRemovalDto {
  reason!: DependantRemovalReason | 'insured-lost';
  lossDate!: string;
}

/** A dependant (被扶養者), removed ones included. */
export class DependantDto extends PersonDto {
  dependantId!: string;
  relationship!: Relationship;
  /** `cancelled`: the recognition was cancelled (取消) as wrongly recorded */
  status!: 'active' | 'removed' | 'cancelled';
  recognizedFrom!: string;
  /** Yen a year */
  expectedAnnualIncome!: number;
  sameHousehold!: boolean;
  /** Yen a month, when living apart */
  monthlyRemittance!: number | null;
  residence!: ResidenceViewDto;
  disabled!: boolean;
  removal!: DependantRemovalDto | null;
  /** Years the lifecycle run put the dependant on the yearly re-check list (被扶養者資格の再確認, domain.md 3.3) */
  reviewsListed?: number[];
}

/** GET /members/{memberId}/dependants/{dependantId}: the dependant with the member's revision (its ETag). */
export class MemberDependantDto extends DependantDto {
  memberId!: string;
  revision!: number;
}

export class LossDto {
  reason!: InsuredLossReason;
  /** 資格喪失日 */
  lossDate!: string;
}

export class VoluntaryContinuationEndDto {
  reason!: VoluntaryContinuationEndReason;
  lossDate!: string;
}

/** 任意継続 */
export class VoluntaryContinuationViewDto {
  applicationDate!: string;
  startDate!: string;
  /** Two years after the start at the latest */
  latestLossDate!: string;
  end!: VoluntaryContinuationEndDto | null;
}

/** 公金受取口座, the account number masked. */
export class PublicFundsAccountViewDto {
  bankCode!: string;
  branchCode!: string;
  accountType!: AccountType;
  /** Masked: `***4567` */
  accountNumber!: string;
  holderName!: string;
  /** In the Zengin half-width kana of transfer files */
  holderNameZengin!: string;
}

/** A member (the insured person's 資格) with dependants, from the member_summary read model. */
export class MemberDto {
  memberId!: string | null;
  /** Status on `today` (statutory ends applied) */
  status!: MemberStatus;
  /** Status as recorded by events */
  recordedStatus!: MemberStatus;
  /** The business date (Japan) the status and coverage are given for */
  today!: string;
  /** The member stream's revision (the ETag) */
  revision!: number;
  identifiers!: IdentifiersDto | null;
  acquisitionDate!: string | null;
  postalCode!: string | null;
  address!: string | null;
  loss!: LossDto | null;
  voluntaryContinuation!: VoluntaryContinuationViewDto | null;
  /** Sorted by effectiveFrom */
  remunerationHistory!: StandardRemunerationDto[];
  currentGrade!: StandardRemunerationDto | null;
  identifierHistory!: IdentifierPeriodDto[];
  insured!: PersonDto | null;
  dependants!: DependantDto[];
  account!: PublicFundsAccountViewDto | null;
  /** Job changes in order (absent in views folded before corrections existed) */
  transfers?: TransferDto[];
}
