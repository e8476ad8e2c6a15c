import type { Event } from '@kenpo/kernel';
import type { Breakdown } from './calculators/breakdown.js';
import type { AutomaticBenefitKind, BenefitInput, BenefitKind, Coverage, PaymentInstruction } from './claim.types.js';

/** From when to when the claim could be made (domain.md 4.9); for allowances, for the last day claimed. */
export interface LimitationWindow {
  startsOn: string;
  expiresOn: string;
}

// A type alias, not an interface: event data must be assignable to Record<string, unknown>.
type ClaimIdentity = {
  claimId: string;
  memberId: string;
  personId: string;
  kind: BenefitKind;
};

/** A clerk's claim, calculated at once: the amount and why. */
export type BenefitClaimSubmitted = Event<
  'BenefitClaimSubmitted',
  ClaimIdentity & {
    origin: 'claim';
    submittedOn: string;
    submittedBy: string;
    benefit: BenefitInput;
    coverage: Coverage;
    insuredEventDate: string;
    limitation: LimitationWindow;
    payment: PaymentInstruction;
    amount: number;
    breakdown: Breakdown;
  }
>;

/** A benefit the society derived from medical cost records; `key` is its deterministic identity. */
export type AutomaticBenefitRecorded = Event<
  'AutomaticBenefitRecorded',
  ClaimIdentity & {
    origin: 'automatic';
    kind: AutomaticBenefitKind;
    key: string;
    month: string;
    scope: 'receipt' | 'person-month' | 'household';
    institution: string | null;
    setting: 'inpatient' | 'outpatient' | null;
    payment: PaymentInstruction;
    amount: number;
    breakdown: Breakdown;
  }
>;

/**
 * A refusal. At submission (stage 'submission': not covered, time-barred, nothing payable) it is the only event
 * of the claim and carries the claim's facts; at review (stage 'review') an approver's decision with a reason.
 */
export type BenefitClaimRejected = Event<
  'BenefitClaimRejected',
  ClaimIdentity & {
    stage: 'submission' | 'review';
    rule: string;
    message: string;
    rejectedBy: string;
    rejectedOn: string;
    submission?: {
      submittedOn: string;
      benefit: BenefitInput;
      coverage: Coverage;
      insuredEventDate: string;
      limitation: LimitationWindow;
      breakdown: Breakdown | null;
    };
  }
>;

/** Approved by an approver who did not submit it: ready for payout with the amount and how to pay. */
export type BenefitClaimApproved = Event<
  'BenefitClaimApproved',
  ClaimIdentity & {
    amount: number;
    payment: PaymentInstruction;
    approvedBy: string;
    approvedOn: string;
  }
>;

/** Approved by a statutory or society rule without a person (automatic benefits): ready for payout. */
export type BenefitClaimApprovedByRule = Event<
  'BenefitClaimApprovedByRule',
  ClaimIdentity & {
    rule: string;
    amount: number;
    payment: PaymentInstruction;
    approvedOn: string;
  }
>;

export type BenefitClaimWithdrawn = Event<
  'BenefitClaimWithdrawn',
  {
    claimId: string;
    withdrawnBy: string;
    withdrawnOn: string;
    reason: string | null;
  }
>;

export type ClaimEvent =
  | BenefitClaimSubmitted
  | AutomaticBenefitRecorded
  | BenefitClaimRejected
  | BenefitClaimApproved
  | BenefitClaimApprovedByRule
  | BenefitClaimWithdrawn;

export const CLAIM_EVENT_TYPES: readonly ClaimEvent['type'][] = [
  'BenefitClaimSubmitted',
  'AutomaticBenefitRecorded',
  'BenefitClaimRejected',
  'BenefitClaimApproved',
  'BenefitClaimApprovedByRule',
  'BenefitClaimWithdrawn',
];

/** Events after which a payout is due. */
export type ClaimApprovalEvent = BenefitClaimApproved | BenefitClaimApprovedByRule;

export const claimStreamId = (claimId: string): string => `claim-${claimId}`;
