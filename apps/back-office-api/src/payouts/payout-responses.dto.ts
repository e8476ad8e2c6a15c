import { ApiProperty } from '@nestjs/swagger';
import type { PayoutRunView, PayoutView, RecoveryView } from '@kenpo/payment-worker';
import type { BankResultOutcome, PayoutAccountSource, PayoutHoldReason } from '@kenpo/payouts';

/** Why a payout waits: no account, an account the bank refused, or a returned transfer. */
export class PayoutHoldDto {
  reason!: PayoutHoldReason;
  detail!: string;
  /** YYYY-MM-DD */
  heldOn!: string;
}

export class PayoutReturnDto {
  runId!: string;
  /** The bank's 不能 (return) code */
  reasonCode!: string;
  /** YYYY-MM-DD */
  returnedOn!: string;
}

export class PayoutOffsetDto {
  recoveryId!: string;
  /** Yen */
  amount!: number;
}

export class PayoutPayeeDto {
  kind!: 'insured' | 'burial-performer' | 'heir' | 'receiving-agent';
  /** As written on the claim; null for the insured */
  name!: string | null;
  relationship!: string | null;
}

/** The paying account: bank and branch, the number masked to its last 4 digits. */
export class MaskedAccountDto {
  bankCode!: string;
  branchCode!: string;
  accountType!: string;
  accountNumber!: string;
}

export class AccountReplacementDto {
  reason!: string;
  replacedOn!: string;
  by!: string;
}

/** One payout of an approved claim: who is paid and where (the account masked). */
export class PayoutDto implements PayoutView {
  /** Same as payoutId */
  id!: string;
  payoutId!: string;
  claimId!: string;
  memberId!: string;
  /** Yen */
  amount!: number;
  accountSource!: PayoutAccountSource;
  payee!: PayoutPayeeDto;
  account!: MaskedAccountDto | null;
  /** The last account a clerk gave, with why */
  accountReplaced!: AccountReplacementDto | null;
  /** YYYY-MM-DD */
  dueDate!: string;
  status!: PayoutView['status'];
  hold!: PayoutHoldDto | null;
  runId!: string | null;
  /** The payout's data record in its run's transfer file (0-based) */
  recordIndex!: number | null;
  transferDate!: string | null;
  settledOn!: string | null;
  returns!: PayoutReturnDto[];
  /** Recoveries (返納金) kept back from this payout in its run */
  offsets!: PayoutOffsetDto[];
  /** Yen transferred after the offsets; null until instructed */
  paidAmount!: number | null;
  /** ISO-8601 */
  scheduledAt!: string;
  /** ISO-8601 */
  updatedAt!: string;
  /** The payout stream's revision (the ETag): send it as If-Match with PUT /payouts/{payoutId}/account */
  revision!: number;
}

export class PayoutPageDto {
  items!: PayoutDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}

export class RunRequesterDto {
  id!: string;
  role!: string;
}

export class PayoutRunResumptionDto {
  trigger!: string;
  detail!: string;
  at!: string;
}

export class PayoutRunVoidingDto {
  reason!: string;
  detail!: string;
  voidedOn!: string;
}

/** A payout run as listed: its file, progress and totals. */
export class PayoutRunSummaryDto implements Omit<PayoutRunView, 'results'> {
  /** Same as runId */
  id!: string;
  /** run-YYYYMMDD-HHmm[-xxxxxxxx] */
  runId!: string;
  status!: PayoutRunView['status'];
  trigger!: 'operator' | 'schedule' | null;
  requestedBy!: RunRequesterDto | null;
  /** YYYY-MM-DD */
  transferDate!: string;
  fileName!: string | null;
  /** sha256 of the transfer file, hex */
  sha256!: string | null;
  /** Data records (payouts) in the file */
  count!: number;
  /** Yen */
  total!: number;
  instructed!: number;
  held!: number;
  accepted!: number;
  returned!: number;
  /** Yen of recoveries (返納金) kept back from the run's payouts */
  offsetTotal!: number;
  /** Payouts settled by offsets alone (nothing transferred) */
  offsetSettled!: number;
  resumed!: PayoutRunResumptionDto[];
  voided!: PayoutRunVoidingDto | null;
  createdAt!: string;
  settledOn!: string | null;
}

export class PayoutRunPageDto {
  items!: PayoutRunSummaryDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}

/** The run's queue job while the queue keeps it. */
export class PayoutRunJobDto {
  /** BullMQ job state: waiting, active, completed, failed, delayed... */
  state!: string;
  attemptsMade!: number;
  failedReason!: string | null;
}

/** A run with the latest bank result per payout id; `pending` while only its queue job exists. */
export class PayoutRunDto extends PayoutRunSummaryDto {
  /** The latest bank result per payout id */
  results!: Record<string, BankResultOutcome>;
  job!: PayoutRunJobDto | null;
}

/** A run still queued: only its job is known. */
export class PendingPayoutRunDto {
  runId!: string;
  @ApiProperty({ enum: ['pending'] })
  status!: string;
  job!: PayoutRunJobDto | null;
}

export class PayoutRunRequestedDto {
  runId!: string;
  /** `queued` */
  status!: string;
  /** Revision of the run's request stream */
  revision!: number;
  position!: number | null;
  events!: string[];
}

/** What PUT /payouts/{payoutId}/account answers: the payout released with the account given. */
export class PayoutAccountReplacedDto {
  payoutId!: string;
  /** The payout stream's revision (the ETag) */
  revision!: number;
  position!: number | null;
  events!: string[];
  /** The payout's status after the change: due once released */
  status!: string;
}

export class BankResultsRecordedDto {
  runId!: string;
  revision!: number;
  position!: number | null;
  events!: string[];
  /** Results recorded by this request */
  recorded!: number;
  /** True when every record of the run now has a result */
  settled!: boolean;
}

export class RecoveryRecordedDto {
  recoveryId!: string;
  claimId!: string;
  /** Yen to recover */
  amount!: number;
  /** The claim stream's revision */
  revision!: number;
  position!: number | null;
  events!: string[];
}

export class RecoveryOffsetDto {
  runId!: string;
  payoutId!: string;
  /** Yen kept back from that payout */
  amount!: number;
}

export class RecoveryRepaymentDto {
  amount!: number;
  receivedOn!: string;
  note!: string;
  recordedBy!: string;
}

/** 返納金: what a claim paid too much, kept back from later payouts or repaid. */
export class RecoveryViewDto implements RecoveryView {
  /** Same as recoveryId */
  id!: string;
  recoveryId!: string;
  claimId!: string;
  memberId!: string;
  payee!: PayoutPayeeDto;
  /** Who owes it, as a key over payee and member */
  payeeKey!: string;
  /** Yen */
  amount!: number;
  reason!: string;
  detail!: string;
  recordedBy!: string;
  recordedOn!: string;
  offsets!: RecoveryOffsetDto[];
  repayments!: RecoveryRepaymentDto[];
  /** Yen still owed (negative: to refund) */
  outstanding!: number;
  status!: 'outstanding' | 'recovered' | 'refund-due';
  updatedAt!: string;
  /** The recovery stream's revision (the ETag): send it as If-Match with a repayment */
  revision!: number;
}

export class RecoveryPageDto {
  items!: RecoveryViewDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}

export class RepaymentRecordedDto {
  recoveryId!: string;
  revision!: number;
  position!: number | null;
  events!: string[];
  /** Yen still owed after the repayment */
  outstanding!: number;
}
