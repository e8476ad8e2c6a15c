import type { ChildbirthGrantInput } from './calculators/childbirth-grant.js';
import type { FuneralInput, FuneralKind } from './calculators/funeral.js';
import type { InpatientMealsInput } from './calculators/inpatient-meals.js';
import type { MaternityAllowanceInput } from './calculators/maternity-allowance.js';
import type { PremiumRefundInput } from './calculators/premium-refund.js';
import type { ReimbursementInput } from './calculators/reimbursement.js';
import type { SicknessAllowanceInput } from './calculators/sickness-allowance.js';
import type { TransportInput } from './calculators/transport.js';

/** The insured person's id in a member's stream; a dependant is named by its dependantId. */
export const INSURED_PERSON = 'insured';

/** Benefits claimed by a member and checked by a clerk. */
export type ClaimedBenefitKind =
  | 'sickness-allowance'
  | 'maternity-allowance'
  | 'childbirth-grant'
  | 'family-childbirth-grant'
  | FuneralKind
  | 'medical-expense-reimbursement'
  | 'home-visit-nursing'
  | 'inpatient-meal-expenses'
  | 'transport-expenses'
  | 'premium-refund';
/** Benefits the society derives itself from medical cost records. */
export type AutomaticBenefitKind = 'high-cost-medical' | 'additional-benefit';
export type BenefitKind = ClaimedBenefitKind | AutomaticBenefitKind;

/** The facts of a claimed benefit, by kind: what the calculator needs. */
export type BenefitInput =
  | ({ kind: 'sickness-allowance' } & SicknessAllowanceInput)
  | ({ kind: 'maternity-allowance' } & MaternityAllowanceInput)
  | ({ kind: 'childbirth-grant' | 'family-childbirth-grant' } & ChildbirthGrantInput)
  | ({ kind: FuneralKind } & FuneralInput)
  | ({ kind: 'medical-expense-reimbursement' | 'home-visit-nursing' } & ReimbursementInput)
  | ({ kind: 'inpatient-meal-expenses' } & InpatientMealsInput)
  | ({ kind: 'transport-expenses' } & TransportInput)
  | ({ kind: 'premium-refund' } & PremiumRefundInput);

export type AccountType = 'ordinary' | 'current' | 'savings';
export interface BankAccount {
  bankCode: string;
  branchCode: string;
  accountType: AccountType;
  accountNumber: string;
  /** As given (katakana); `holderNameZengin` is its Zengin half-width form, checked on submission. */
  holderName: string;
}
/** How an approved benefit is paid: the member's registered public-funds account (domain.md 7) or this account. */
export type PaymentInstruction =
  { method: 'public-funds' } | { method: 'account'; account: BankAccount & { holderNameZengin?: string } };

/** Facts about eligibility after the loss, for the continuation benefits (domain.md 4.1-4.4, after-loss rows). */
export interface AfterLoss {
  lossDate: string;
  /** Start of the continuous insured period that ended at the loss (voluntary continuation excluded). */
  continuouslyInsuredSince: string;
  /** On the day before the loss, receiving this allowance or entitled to it with the waiting period completed. */
  receivingAllowanceAtLoss: boolean;
  /** For the burial benefit: a continuation benefit is being paid, or the last day one was paid. */
  receivingContinuationBenefit?: boolean;
  continuationBenefitLastDay?: string | null;
}

/**
 * The person's coverage on the date of the insured event, established by the caller from the member's stream
 * (`insuredEventDate` says which date). `afterLoss` is given when the person was no longer an ordinary insured.
 */
export interface Coverage {
  covered: boolean;
  /** Covered as a voluntarily continuing insured: no new sickness or maternity allowance (domain.md 3.2). */
  voluntaryContinuation?: boolean;
  afterLoss?: AfterLoss | null;
}
