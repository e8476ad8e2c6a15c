import type { Event } from '@kenpo/kernel';
import type { Breakdown } from './calculators/breakdown.js';
import type { AutomaticBenefitKind, BenefitInput, BenefitKind, Coverage, PaymentInstruction } from './claim.types.js';
import type { InsuredEvent } from './insured-events.js';
import type { Payee, PayTo } from './pay-to.js';

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
    /** What the claimant chose; `payTo` is what it resolved to at submission (read it through `payToOf`). */
    payment: PaymentInstruction;
    payTo: PayTo;
    amount: number;
    breakdown: Breakdown;
    /** What is paid for, to refuse paying it twice (absent before issue 13; null for kinds not tracked). */
    insuredEvent?: InsuredEvent | null;
    /** Approved claims whose allowance has priority on some of these days and was deducted (domain.md 4.1/4.2). */
    priorityFrom?: string[];
    /** Approved claims of the same insured event, where a second claim may be allowed by an approver. */
    duplicateOf?: string[];
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
    /** From the member's payment preference for automatic benefits at recording (issue 13.4). */
    payTo: PayTo;
    amount: number;
    breakdown: Breakdown;
    /** Who sent the records (absent before issue 13): an approver other than them approves above the threshold. */
    recordedBy?: string;
    /** Above the society's threshold an approver decides (BenefitClaimApproved follows), not the rule. */
    approvalRequired?: boolean;
    /** An additional payment: the earlier claim of the same benefit whose amount a re-evaluation raised. */
    adjusts?: { claimId: string; reason: string } | null;
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
    /** Copied from the claim: the payout pays exactly this (see PayTo). */
    payTo: PayTo;
    approvedBy: string;
    approvedOn: string;
    /** A second claim for an insured event already approved, allowed by the approver with a reason (issue 13.5). */
    duplicateOverride?: { reason: string; earlierClaimIds: string[] } | null;
  }
>;

/** Approved by a statutory or society rule without a person (automatic benefits): ready for payout. */
export type BenefitClaimApprovedByRule = Event<
  'BenefitClaimApprovedByRule',
  ClaimIdentity & {
    rule: string;
    amount: number;
    payment: PaymentInstruction;
    payTo: PayTo;
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

/**
 * 返納金 (issue 13.6): an approved or paid claim was found to have paid `amount` yen too much. Recorded on the claim's
 * stream; the payout side offsets it against later payouts to the same payee (`payeeKey(memberId, payee)`) or tracks
 * it until repaid. `reason` is a rule code ('many-times-reevaluation', 'found-wrong'), `detail` a clerk's sentence;
 * `recordedBy` is the actor (a person, or 'rule:<rule>' when a re-evaluation found it).
 */
export type ClaimRecoveryRecorded = Event<
  'ClaimRecoveryRecorded',
  ClaimIdentity & {
    recoveryId: string;
    payee: Payee;
    amount: number;
    reason: string;
    detail: string;
    recordedBy: string;
    recordedOn: string;
  }
>;

export type ClaimEvent =
  | BenefitClaimSubmitted
  | AutomaticBenefitRecorded
  | BenefitClaimRejected
  | BenefitClaimApproved
  | BenefitClaimApprovedByRule
  | BenefitClaimWithdrawn
  | ClaimRecoveryRecorded;

export const CLAIM_EVENT_TYPES: readonly ClaimEvent['type'][] = [
  'BenefitClaimSubmitted',
  'AutomaticBenefitRecorded',
  'BenefitClaimRejected',
  'BenefitClaimApproved',
  'BenefitClaimApprovedByRule',
  'BenefitClaimWithdrawn',
  'ClaimRecoveryRecorded',
];

/** Events after which a payout is due. */
export type ClaimApprovalEvent = BenefitClaimApproved | BenefitClaimApprovedByRule;

export const claimStreamId = (claimId: string): string => `claim-${claimId}`;
