import type { RecordedEvent } from '@kenpo/kernel';
import {
  payToOf,
  type Breakdown,
  type ClaimEvent,
  type LimitationWindow,
  type PaymentInstruction,
  type PayTo,
} from '@kenpo/benefits';
import { maskAccountNumber } from '@kenpo/read-models';

export type ClaimViewStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** A claim as clerks and approvers see it; the account number only masked (as in the member views). */
export interface ClaimView {
  id: string;
  claimId: string;
  memberId: string;
  personId: string;
  kind: string;
  origin: 'claim' | 'automatic';
  status: ClaimViewStatus;
  amount: number | null;
  payment: PaymentInstruction | null;
  /** Payee and account fixed at application (account number masked); `pending` says why nothing can be paid yet. */
  payTo: PayTo | null;
  /** Stream revision of the last event folded in: send it as If-Match. */
  revision: number;
  submittedOn: string | null;
  submittedBy: string | null;
  insuredEventDate: string | null;
  limitation: LimitationWindow | null;
  /** Last day claimed of an allowance: continuation benefits after the loss are judged on it (domain.md 4.4). */
  lastDayClaimed: string | null;
  /** Automatic benefits: the treatment month, the receipt and the deterministic key. */
  month: string | null;
  institution: string | null;
  setting: string | null;
  key: string | null;
  approval: {
    by: string | null;
    rule: string | null;
    on: string;
    duplicateOverride?: { reason: string; earlierClaimIds: string[] };
  } | null;
  /** Approved claims of the same insured event at submission (a second claim an approver may allow, issue 13.5). */
  duplicateOf: string[];
  /** Approved allowances with priority whose payments were deducted (domain.md 4.1/4.2). */
  priorityFrom: string[];
  /** Automatic benefits above the society's threshold wait for an approver (four-eyes). */
  approvalRequired: boolean;
  /** An additional payment: the earlier claim of the same benefit it adds to. */
  adjusts: { claimId: string; reason: string } | null;
  /** 返納金 recorded on the claim (issue 13.6). */
  recoveries: { recoveryId: string; amount: number; reason: string; detail: string; by: string; on: string }[];
  rejection: { stage: 'submission' | 'review'; rule: string; message: string; by: string; on: string } | null;
  withdrawal: { by: string; on: string; reason: string | null } | null;
}

/** The detail adds the facts and the breakdown, read from the claim's stream. */
export interface ClaimDetail extends ClaimView {
  benefit: Record<string, unknown> | null;
  coverage: Record<string, unknown> | null;
  breakdown: Breakdown | null;
}

const masked = (payment: PaymentInstruction): PaymentInstruction =>
  payment.method === 'account'
    ? {
        method: 'account',
        account: { ...payment.account, accountNumber: maskAccountNumber(payment.account.accountNumber) },
      }
    : payment;

const maskedPayTo = (payTo: PayTo): PayTo =>
  payTo.status === 'fixed'
    ? { ...payTo, account: { ...payTo.account, accountNumber: maskAccountNumber(payTo.account.accountNumber) } }
    : payTo;

function lastDayOf(benefit: { kind: string; claimPeriod?: { to: string } }): string | null {
  return benefit.kind === 'sickness-allowance' || benefit.kind === 'maternity-allowance'
    ? (benefit.claimPeriod?.to ?? null)
    : null;
}

const blank = (
  e: { claimId: string; memberId: string; personId: string; kind: string },
  origin: ClaimView['origin'],
): ClaimDetail => ({
  id: e.claimId,
  claimId: e.claimId,
  memberId: e.memberId,
  personId: e.personId,
  kind: e.kind,
  origin,
  status: 'submitted',
  amount: null,
  payment: null,
  payTo: null,
  revision: -1,
  submittedOn: null,
  submittedBy: null,
  insuredEventDate: null,
  limitation: null,
  lastDayClaimed: null,
  month: null,
  institution: null,
  setting: null,
  key: null,
  approval: null,
  duplicateOf: [],
  priorityFrom: [],
  approvalRequired: false,
  adjusts: null,
  recoveries: [],
  rejection: null,
  withdrawal: null,
  benefit: null,
  coverage: null,
  breakdown: null,
});

/** Folds one claim event into the detail (pure; the projection keeps the same minus the facts and the breakdown). */
export function applyClaimEvent(view: ClaimDetail | null, recorded: RecordedEvent): ClaimDetail | null {
  const event = { type: recorded.type, data: recorded.data } as ClaimEvent;
  const next = ((): ClaimDetail | null => {
    switch (event.type) {
      case 'BenefitClaimSubmitted': {
        const d = event.data;
        return {
          ...blank(d, 'claim'),
          amount: d.amount,
          payment: masked(d.payment),
          payTo: maskedPayTo(payToOf(d)),
          duplicateOf: d.duplicateOf ?? [],
          priorityFrom: d.priorityFrom ?? [],
          submittedOn: d.submittedOn,
          submittedBy: d.submittedBy,
          insuredEventDate: d.insuredEventDate,
          limitation: d.limitation,
          lastDayClaimed: lastDayOf(d.benefit as never),
          benefit: d.benefit as unknown as Record<string, unknown>,
          coverage: d.coverage as unknown as Record<string, unknown>,
          breakdown: d.breakdown,
        };
      }
      case 'AutomaticBenefitRecorded': {
        const d = event.data;
        return {
          ...blank(d, 'automatic'),
          amount: d.amount,
          payment: masked(d.payment),
          payTo: maskedPayTo(payToOf(d)),
          submittedOn: recorded.metadata.recordedAt.slice(0, 10),
          submittedBy: d.recordedBy ?? recorded.metadata.actor.id,
          approvalRequired: d.approvalRequired ?? false,
          adjusts: d.adjusts ?? null,
          month: d.month,
          institution: d.institution,
          setting: d.setting,
          key: d.key,
          breakdown: d.breakdown,
        };
      }
      case 'BenefitClaimRejected': {
        const d = event.data;
        const base = view ?? {
          ...blank(d, 'claim'),
          submittedBy: d.rejectedBy,
          submittedOn: d.submission?.submittedOn ?? d.rejectedOn,
          insuredEventDate: d.submission?.insuredEventDate ?? null,
          limitation: d.submission?.limitation ?? null,
          benefit: (d.submission?.benefit ?? null) as Record<string, unknown> | null,
          coverage: (d.submission?.coverage ?? null) as Record<string, unknown> | null,
          breakdown: d.submission?.breakdown ?? null,
        };
        return {
          ...base,
          status: 'rejected',
          rejection: { stage: d.stage, rule: d.rule, message: d.message, by: d.rejectedBy, on: d.rejectedOn },
        };
      }
      case 'BenefitClaimApproved':
        return (
          view && {
            ...view,
            status: 'approved',
            approval: {
              by: event.data.approvedBy,
              rule: null,
              on: event.data.approvedOn,
              ...(event.data.duplicateOverride ? { duplicateOverride: event.data.duplicateOverride } : {}),
            },
          }
        );
      case 'BenefitClaimApprovedByRule':
        return (
          view && {
            ...view,
            status: 'approved',
            approval: { by: null, rule: event.data.rule, on: event.data.approvedOn },
          }
        );
      case 'BenefitClaimWithdrawn':
        return (
          view && {
            ...view,
            status: 'withdrawn',
            withdrawal: { by: event.data.withdrawnBy, on: event.data.withdrawnOn, reason: event.data.reason },
          }
        );
      case 'ClaimRecoveryRecorded': {
        const d = event.data;
        const recovery = {
          recoveryId: d.recoveryId,
          amount: d.amount,
          reason: d.reason,
          detail: d.detail,
          by: d.recordedBy,
          on: d.recordedOn,
        };
        return view && { ...view, recoveries: [...(view.recoveries ?? []), recovery] };
      }
      default:
        return view;
    }
  })();
  return next && { ...next, revision: recorded.revision };
}

/** The list document: the detail without the facts and the breakdown (kept small for batches of thousands). */
export function claimViewOf(detail: ClaimDetail): ClaimView {
  const { benefit: _b, coverage: _c, breakdown: _d, ...view } = detail;
  return view;
}
