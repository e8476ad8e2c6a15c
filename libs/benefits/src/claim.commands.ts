import type { Command } from '@kenpo/kernel';
import type { AutomaticBenefitClaim } from './automatic-benefits.js';
import type { BenefitInput, Coverage, PaymentInstruction } from './claim.types.js';

/** Commands carry plain JSON; `decide` validates them. Dates default to the Japan date of `metadata.now`. */
export type SubmitBenefitClaim = Command<
  'SubmitBenefitClaim',
  {
    claimId: string;
    memberId: string;
    /** 'insured' or a dependantId. */
    personId: string;
    benefit: BenefitInput;
    payment: PaymentInstruction;
    coverage: Coverage;
    /** The day the society received the claim (the limitation is judged on it); defaults to today. */
    submittedOn?: string | null;
  }
>;

export type ApproveBenefitClaim = Command<'ApproveBenefitClaim', { claimId: string }>;
export type RejectBenefitClaim = Command<'RejectBenefitClaim', { claimId: string; reason: string }>;
export type WithdrawBenefitClaim = Command<'WithdrawBenefitClaim', { claimId: string; reason?: string | null }>;

/** Records one output of `deriveAutomaticBenefits`; the caller derives `claimId` from its key (UUID v5). */
export type RecordAutomaticBenefit = Command<
  'RecordAutomaticBenefit',
  {
    claimId: string;
    benefit: AutomaticBenefitClaim;
    payment: PaymentInstruction;
  }
>;

export type ClaimCommand =
  SubmitBenefitClaim | ApproveBenefitClaim | RejectBenefitClaim | WithdrawBenefitClaim | RecordAutomaticBenefit;
