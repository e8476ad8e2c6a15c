import type { ClaimEvent } from './claim.events.js';
import type { BenefitKind, PaymentInstruction } from './claim.types.js';

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
  decidedBy: string | null;
  rejectionRule: string | null;
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
  decidedBy: null,
  rejectionRule: null,
});

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
        amount: d.amount,
        payment: d.payment,
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
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
