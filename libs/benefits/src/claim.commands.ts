import type { Command } from '@kenpo/kernel';
import type { AutomaticBenefitClaim } from './automatic-benefits.js';
import type { AutomaticPaymentPreference, PaymentFacts } from './claim/pay-to.js';
import type { BenefitInput, Coverage, PaymentInstruction } from './claim.types.js';
import type { RegisteredEvent } from './insured-events.js';
import type { Payee } from './pay-to.js';

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
    /** Who is paid; the insured when absent (issue 13.3). */
    payee?: Payee | null;
    /** The accounts and death the society knew at submission (absent: no public-funds account, insured alive). */
    paymentFacts?: PaymentFacts;
    coverage: Coverage;
    /** The member's approved insured events (benefit registry): duplicates and the 出産手当金 priority (13.5). */
    registered?: RegisteredEvent[];
    /** The day the society received the claim (the limitation is judged on it); defaults to today. */
    submittedOn?: string | null;
  }
>;

export type ApproveBenefitClaim = Command<
  'ApproveBenefitClaim',
  {
    claimId: string;
    /** The approver knowingly allows a second claim beside earlier ones of the same insured event (issue 13.5). */
    duplicateOverride?: { reason: string } | null;
    /** The member's approved insured events as they are now; absent, nothing is checked against them. */
    registered?: RegisteredEvent[];
  }
>;
export type RejectBenefitClaim = Command<'RejectBenefitClaim', { claimId: string; reason: string }>;
export type WithdrawBenefitClaim = Command<'WithdrawBenefitClaim', { claimId: string; reason?: string | null }>;

/** Records one output of `deriveAutomaticBenefits`; the caller derives `claimId` from its key (UUID v5). */
export type RecordAutomaticBenefit = Command<
  'RecordAutomaticBenefit',
  {
    claimId: string;
    benefit: AutomaticBenefitClaim;
    /** The member's choice for automatic benefits at recording, and what the society knew (issue 13.4). */
    preference: AutomaticPaymentPreference;
    paymentFacts: PaymentFacts;
    /** Above this amount an approver decides instead of the rule (SocietySettings default when absent). */
    approvalThreshold?: number;
    /** An additional payment raising the amount of an earlier claim of the same benefit. */
    adjusts?: { claimId: string; reason: string } | null;
  }
>;

/** 返納金: an approved claim paid too much (see ClaimRecoveryRecorded). */
export type RecordClaimRecovery = Command<
  'RecordClaimRecovery',
  { claimId: string; recoveryId: string; amount: number; reason: string; detail: string }
>;

export type ClaimCommand =
  | SubmitBenefitClaim
  | ApproveBenefitClaim
  | RejectBenefitClaim
  | WithdrawBenefitClaim
  | RecordAutomaticBenefit
  | RecordClaimRecovery;
