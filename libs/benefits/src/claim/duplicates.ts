import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { BenefitInput, BenefitKind } from '../claim.types.js';
import { duplicatesOf, priorityPayments, type InsuredEvent, type RegisteredEvent } from '../insured-events.js';
import { SECOND_CLAIM_ALLOWED } from '../reference/duplicate-rules.js';

/** 409 naming the earlier claims that already pay the insured event (issue 13.5). */
function duplicate(kind: BenefitKind, earlier: readonly RegisteredEvent[]): ConflictError {
  const ids = earlier.map((e) => e.claimId);
  const allowed = SECOND_CLAIM_ALLOWED[kind];
  return new ConflictError(
    'duplicate_insured_event',
    `the same insured event is already paid by approved claim ${ids.join(', ')}` +
      (allowed ? `; an approver may allow a second claim with a reason (${allowed})` : ''),
    ids.map((id) => ({ field: 'claimId', rule: 'duplicate_insured_event', message: `already paid by claim ${id}` })),
  );
}

/**
 * The 出産手当金 priority from the member's approved claims (domain.md 4.1/4.2), never typed by the clerk: a sickness
 * allowance pays only the excess over the maternity allowance paid on a day; a maternity allowance counts the sickness
 * allowance already paid on its days as paid on account of it.
 */
export function withPriority(
  benefit: BenefitInput,
  registered: readonly RegisteredEvent[],
): { benefit: BenefitInput; priorityFrom: string[] } {
  if (benefit.kind !== 'sickness-allowance' && benefit.kind !== 'maternity-allowance')
    return { benefit, priorityFrom: [] };
  const { claimIds, paidDays } = priorityPayments(registered, benefit.kind, benefit.claimPeriod);
  return benefit.kind === 'sickness-allowance'
    ? { benefit: { ...benefit, maternityAllowancePaid: paidDays }, priorityFrom: claimIds }
    : { benefit: { ...benefit, sicknessAllowancePaid: paidDays }, priorityFrom: claimIds };
}

/**
 * At submission: a claim for an insured event already approved is refused (409) unless domain.md allows a second
 * claim; then it is recorded with the earlier claims named, for the approver to decide.
 */
export function submissionDuplicates(
  kind: BenefitKind,
  claimId: string,
  event: InsuredEvent | null,
  registered: readonly RegisteredEvent[],
): string[] {
  if (!event) return [];
  const earlier = duplicatesOf(registered, claimId, event);
  if (earlier.length > 0 && !SECOND_CLAIM_ALLOWED[kind]) throw duplicate(kind, earlier);
  return earlier.map((e) => e.claimId);
}

export interface ApprovalFacts {
  kind: BenefitKind;
  claimId: string;
  insuredEvent: InsuredEvent | null;
  priorityFrom: readonly string[];
}

/**
 * At approval, against the registry as it is now (appended in the same transaction): 409 naming the earlier claim,
 * or, where a second claim is allowed, the approver's override with a reason; 409 when an allowance with priority
 * was approved since the submission (the amount must be recalculated: withdraw and submit again).
 */
export function approvalDuplicates(
  facts: ApprovalFacts,
  registered: readonly RegisteredEvent[],
  override: { reason: string } | null | undefined,
): { earlierClaimIds: string[] } {
  const { kind, claimId, insuredEvent } = facts;
  if (!insuredEvent) return { earlierClaimIds: [] };
  if (insuredEvent.type === 'allowance-days') {
    const now = priorityPayments(registered, insuredEvent.kind, insuredEvent.claimPeriod).claimIds;
    const unseen = now.filter((id) => !facts.priorityFrom.includes(id));
    if (unseen.length > 0)
      throw new ConflictError(
        'priority_changed',
        `claim ${unseen.join(', ')} was approved since this claim was calculated and has priority on some of its days: withdraw it and submit again`,
        unseen.map((id) => ({ field: 'claimId', rule: 'priority_changed', message: `claim ${id} has priority` })),
      );
  }
  const earlier = duplicatesOf(registered, claimId, insuredEvent);
  if (earlier.length === 0) return { earlierClaimIds: [] };
  if (!override) throw duplicate(kind, earlier);
  if (typeof override.reason !== 'string' || override.reason.trim() === '')
    throw ValidationError.of('duplicateOverride.reason', 'required', 'an override needs a reason');
  if (!SECOND_CLAIM_ALLOWED[kind])
    throw RuleViolation.of(
      'duplicateOverride',
      'second_claim_not_allowed',
      `${kind} is paid once per insured event: no second claim can be approved`,
    );
  return { earlierClaimIds: earlier.map((e) => e.claimId) };
}
