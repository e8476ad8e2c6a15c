import type { ClaimEvent } from './claim.events.js';
import type { BenefitKind, PaymentInstruction } from './claim.types.js';
import type { InsuredEvent } from './insured-events.js';
import { payToOf, type PayTo } from './pay-to.js';

export type ClaimStatus = 'none' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface ClaimState {
  status: ClaimStatus;
  claimId: string | null;
  memberId: string | null;
  personId: string | null;
  kind: BenefitKind | null;
  origin: 'claim' | 'automatic' | null;
  /** Deterministic key of an automatic benefit. */
  key: string | null;
  submittedBy: string | null;
  amount: number | null;
  payment: PaymentInstruction | null;
  /** Payee and account fixed at application (upcast for claims recorded before it existed). */
  payTo: PayTo | null;
  decidedBy: string | null;
  rejectionRule: string | null;
  insuredEvent: InsuredEvent | null;
  priorityFrom: string[];
  /** Recoveries (返納金) recorded on the claim, by id, so that a re-sent one is a no-op. */
  recoveries: Record<string, number>;
}

export const initialClaimState = (): ClaimState => ({
  status: 'none',
  claimId: null,
  memberId: null,
  personId: null,
  kind: null,
  origin: null,
  key: null,
  submittedBy: null,
  amount: null,
  payment: null,
  payTo: null,
  insuredEvent: null,
  priorityFrom: [],
  decidedBy: null,
  rejectionRule: null,
  recoveries: {},
});

/** Yen recovered so far from an approved claim. */
export const recoveredAmount = (state: ClaimState): number =>
  Object.values(state.recoveries).reduce((a, b) => a + b, 0);

export function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'BenefitClaimSubmitted': {
      const d = event.data;
      return {
        ...state,
        status: 'submitted',
        claimId: d.claimId,
        memberId: d.memberId,
        personId: d.personId,
        kind: d.kind,
        origin: 'claim',
        submittedBy: d.submittedBy,
        amount: d.amount,
        payment: d.payment,
        payTo: payToOf(d),
        insuredEvent: d.insuredEvent ?? null,
        priorityFrom: d.priorityFrom ?? [],
      };
    }
    case 'AutomaticBenefitRecorded': {
      const d = event.data;
      return {
        ...state,
        status: 'submitted',
        claimId: d.claimId,
        memberId: d.memberId,
        personId: d.personId,
        kind: d.kind,
        origin: 'automatic',
        key: d.key,
        // Before issue 13 nobody approved automatic benefits; the sender is now the "submitter" for four-eyes.
        submittedBy: d.recordedBy ?? null,
        amount: d.amount,
        payment: d.payment,
        payTo: payToOf(d),
      };
    }
    case 'BenefitClaimRejected': {
      const d = event.data;
      // A rejection at submission is the claim's first event: it also establishes the identity.
      return {
        ...state,
        status: 'rejected',
        claimId: d.claimId,
        memberId: d.memberId,
        personId: d.personId,
        kind: d.kind,
        origin: state.origin ?? 'claim',
        submittedBy: state.submittedBy ?? (d.stage === 'submission' ? d.rejectedBy : null),
        decidedBy: d.rejectedBy,
        rejectionRule: d.rule,
      };
    }
    case 'BenefitClaimApproved':
      return { ...state, status: 'approved', decidedBy: event.data.approvedBy };
    case 'BenefitClaimApprovedByRule':
      return { ...state, status: 'approved', decidedBy: `rule:${event.data.rule}` };
    case 'BenefitClaimWithdrawn':
      return { ...state, status: 'withdrawn', decidedBy: event.data.withdrawnBy };
    case 'ClaimRecoveryRecorded':
      return { ...state, recoveries: { ...state.recoveries, [event.data.recoveryId]: event.data.amount } };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
