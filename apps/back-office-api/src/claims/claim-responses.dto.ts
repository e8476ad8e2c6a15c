import { ApiProperty } from '@nestjs/swagger';
import type {
  CalculationStep,
  LimitationWindow,
  PayeeKind,
  PayingAccountSource,
  PaymentPendingReason,
  ReferenceUsed,
} from '@kenpo/benefits';
import type { RoundingMode } from '@kenpo/kernel';
import type { ClaimDetail, ClaimView, ClaimViewStatus } from './views/claim-view.js';

/** What a claim command answers (submission, approval, rejection, withdrawal). */
export class ClaimAnswerDto {
  claimId!: string;
  status!: ClaimViewStatus;
  /** Yen; null while the amount is not decided */
  amount!: number | null;
  /** The claim stream's revision: send it as If-Match with the next decision */
  revision!: number;
  /** Global position of the last event: pass it as minPosition to GET /benefit-claims to read your own write */
  position!: number | null;
  events!: string[];
  /** A refusal recorded by this command: the rule and why */
  rejection?: ClaimRefusalDto;
}

export class ClaimRefusalDto {
  rule!: string;
  message!: string;
}

/** An account, the number masked (`***4321`) in answers. */
export class BankAccountViewDto {
  bankCode!: string;
  branchCode!: string;
  accountType!: 'ordinary' | 'current' | 'savings';
  accountNumber!: string;
  holderName!: string;
  /** The holder name in Zengin half-width kana, as on transfer files */
  holderNameZengin?: string;
}

/** How the claim is paid: the member's 公金受取口座, or the account given on the claim. */
export class PaymentInstructionDto {
  method!: 'public-funds' | 'account';
  /** With method `account` */
  account?: BankAccountViewDto;
}

export class PayeeViewDto {
  kind!: PayeeKind;
  /** As written on the claim; null for the insured */
  name!: string | null;
  relationship!: string | null;
}

/**
 * Payee and account fixed at application; `pending` says why nothing can be paid yet; `unrecorded` for claims
 * recorded before payees were (paid to the 公金受取口座 registered at submission).
 */
export class PayToDto {
  status!: 'fixed' | 'pending' | 'unrecorded';
  payee!: PayeeViewDto;
  /** With status `fixed` (and `unrecorded`): where the account comes from */
  source?: PayingAccountSource;
  /** With status `fixed`: the account to pay, number masked */
  account?: BankAccountViewDto;
  /** With status `pending` */
  reason?: PaymentPendingReason;
  detail?: string;
}

export class LimitationWindowDto implements LimitationWindow {
  /** The two-year limitation starts on this date */
  startsOn!: string;
  expiresOn!: string;
}

/** Named apart from the request's DuplicateOverrideDto: one OpenAPI schema name each. */
export class ApprovedDuplicateDto {
  reason!: string;
  earlierClaimIds!: string[];
}

export class ClaimApprovalDto {
  /** The approver; null when approved by rule (automatic benefits) */
  by!: string | null;
  rule!: string | null;
  on!: string;
  duplicateOverride?: ApprovedDuplicateDto;
}

export class ClaimAdjustmentDto {
  /** The earlier claim of the same benefit this one adds to */
  claimId!: string;
  reason!: string;
}

/** 返納金 recorded on the claim. */
export class ClaimRecoveryDto {
  recoveryId!: string;
  /** Yen */
  amount!: number;
  reason!: string;
  detail!: string;
  by!: string;
  on!: string;
}

export class ClaimRejectionDto {
  stage!: 'submission' | 'review';
  rule!: string;
  message!: string;
  by!: string;
  on!: string;
}

export class ClaimWithdrawalDto {
  by!: string;
  on!: string;
  reason!: string | null;
}

/** A benefit claim as clerks and approvers see it (benefit_claims read model), account numbers masked. */
// Payment and payee are unions in the domain; here one class with the fields of each variant.
export class ClaimDto implements Omit<ClaimView, 'payment' | 'payTo'> {
  /** Same as claimId */
  id!: string;
  claimId!: string;
  memberId!: string;
  /** `insured` or the dependant's id */
  personId!: string;
  /** The benefit: sickness-allowance, childbirth-grant, high-cost-medical... */
  kind!: string;
  origin!: 'claim' | 'automatic';
  status!: ClaimViewStatus;
  /** Yen */
  amount!: number | null;
  payment!: PaymentInstructionDto | null;
  payTo!: PayToDto | null;
  /** The claim stream's revision (the ETag): send it as If-Match */
  revision!: number;
  submittedOn!: string | null;
  submittedBy!: string | null;
  insuredEventDate!: string | null;
  limitation!: LimitationWindowDto | null;
  /** Last day claimed of an allowance */
  lastDayClaimed!: string | null;
  /** Automatic benefits: the treatment month (YYYY-MM) */
  month!: string | null;
  institution!: string | null;
  setting!: string | null;
  /** Automatic benefits: the deterministic key */
  key!: string | null;
  approval!: ClaimApprovalDto | null;
  /** Approved claims of the same insured event at submission (an approver may allow a second claim) */
  duplicateOf!: string[];
  /** Approved allowances with priority whose payments were deducted */
  priorityFrom!: string[];
  /** Automatic benefits above the society's threshold wait for an approver */
  approvalRequired!: boolean;
  adjusts!: ClaimAdjustmentDto | null;
  recoveries!: ClaimRecoveryDto[];
  rejection!: ClaimRejectionDto | null;
  withdrawal!: ClaimWithdrawalDto | null;
}

export class ClaimPageDto {
  items!: ClaimDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}

export class ReferenceUsedDto implements ReferenceUsed {
  /** The reference table (effective-dated statutory data) */
  table!: string;
  effectiveFrom!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The row of the table that was used' })
  row!: Record<string, unknown>;
}

export class RoundingDto {
  unit!: number;
  mode!: RoundingMode;
  /** The value before rounding */
  before!: number;
}

export class CalculationStepDto implements CalculationStep {
  step!: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description: 'A figure, or a date for steps that fix one',
  })
  value!: number | string;
  formula?: string;
  rounding?: RoundingDto;
}

/** How the amount was calculated: inputs, reference rows, steps with their rounding. */
export class BreakdownDto {
  calculator!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts the calculator used' })
  inputs!: Record<string, unknown>;
  references!: ReferenceUsedDto[];
  steps!: CalculationStepDto[];
  notes!: string[];
}

/** The claim with its facts and the calculation's breakdown, folded from its stream. */
export class ClaimDetailDto extends ClaimDto implements Omit<ClaimDetail, 'payment' | 'payTo'> {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The benefit facts as recorded (the submitted facts completed with what the society holds), by kind',
  })
  benefit!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The coverage facts the claim was judged on (covered, after-loss facts)',
  })
  coverage!: Record<string, unknown> | null;
  breakdown!: BreakdownDto | null;
}

export class AutomaticBenefitDto {
  claimId!: string;
  memberId!: string;
  personId!: string;
  kind!: string;
  /** The rule that made it due */
  rule!: string;
  /** Yen */
  amount!: number;
  /** False when it was recorded before (a re-sent month records nothing twice) */
  recorded!: boolean;
}

/** A claim of a later month that this request changed (多数回 re-evaluation, issue 13.1). */
export class MedicalCostAdjustmentDto {
  claimId!: string;
  /** `additional`: a claim for the difference; `recovery`: 返納金 on a paid claim; `withdrawal`: an unpaid one withdrawn */
  action!: 'additional' | 'recovery' | 'withdrawal';
  /** The claim an additional claim adds to */
  adjusts?: string;
}

/** The high-cost and additional benefits a month's receipts made due. */
export class MedicalCostRecordsAnswerDto {
  /** YYYY-MM */
  month!: string;
  records!: number;
  benefits!: number;
  recorded!: number;
  alreadyRecorded!: number;
  claims!: AutomaticBenefitDto[];
  /** What this request changed beside the month's first claims (多数回 re-evaluation of later months) */
  adjustments!: MedicalCostAdjustmentDto[];
  position!: number | null;
}
