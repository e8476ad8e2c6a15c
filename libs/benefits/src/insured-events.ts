import { addDays, businessDate, type Event } from '@kenpo/kernel';
import type { Calculation } from './calculators/breakdown.js';
import type { DailyAmountRange } from './calculators/sickness-allowance.js';
import type { BenefitInput, BenefitKind } from './claim.types.js';
import { CHILDBIRTH_RULES } from './reference/duplicate-rules.js';

type Allowance = 'sickness-allowance' | 'maternity-allowance';

/** What a claim pays for, as far as paying it twice matters (issue 13.5). */
export type InsuredEvent =
  | { type: 'birth'; personId: string; birthDate: string; numberOfBabies: number }
  | { type: 'death'; personId: string; dateOfDeath: string }
  /** The days claimed, and those paid with the amount each (the 出産手当金 priority needs the amounts). */
  | {
      type: 'allowance-days';
      kind: Allowance;
      claimPeriod: { from: string; to: string };
      paidDays: DailyAmountRange[];
    };

/** The insured event of a claimed benefit; null for kinds where paying twice is not tracked (receipts, transport). */
export function insuredEventOf(personId: string, benefit: BenefitInput, calculation: Calculation): InsuredEvent | null {
  switch (benefit.kind) {
    case 'childbirth-grant':
    case 'family-childbirth-grant':
      return { type: 'birth', personId, birthDate: benefit.birthDate, numberOfBabies: benefit.numberOfBabies };
    case 'burial-allowance':
    case 'burial-expenses':
    case 'family-burial-allowance':
      return { type: 'death', personId, dateOfDeath: benefit.dateOfDeath };
    case 'sickness-allowance':
    case 'maternity-allowance':
      return {
        type: 'allowance-days',
        kind: benefit.kind,
        claimPeriod: { from: benefit.claimPeriod.from, to: benefit.claimPeriod.to },
        paidDays: calculation.paidDays ?? [],
      };
    default:
      return null;
  }
}

/** Stream `benefit-registry-<memberId>`: the member's approved insured events, appended with each approval. */
export const benefitRegistryStreamId = (memberId: string): string => `benefit-registry-${memberId}`;

export type InsuredEventRegistered = Event<
  'InsuredEventRegistered',
  {
    memberId: string;
    claimId: string;
    kind: BenefitKind;
    insuredEvent: InsuredEvent;
    approvedOn: string;
    /** Approved beside earlier claims of the same event, by an approver's explicit decision with a reason. */
    duplicateOverride: { reason: string; earlierClaimIds: string[] } | null;
  }
>;

export interface RegisteredEvent {
  claimId: string;
  kind: BenefitKind;
  insuredEvent: InsuredEvent;
}

export const registeredEvents = (events: readonly { type: string; data: unknown }[]): RegisteredEvent[] =>
  events
    .filter((e) => e.type === 'InsuredEventRegistered')
    .map((e) => {
      const { claimId, kind, insuredEvent } = (e as InsuredEventRegistered).data;
      return { claimId, kind, insuredEvent };
    });

const daysApart = (a: string, b: string) =>
  Math.abs((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);

function days(ranges: readonly { from: string; to: string }[]): Set<string> {
  const out = new Set<string>();
  for (const r of ranges) for (let d = businessDate(r.from); d <= r.to; d = addDays(d, 1)) out.add(d);
  return out;
}

const overlap = (a: readonly { from: string; to: string }[], b: readonly { from: string; to: string }[]) => {
  const inA = days(a);
  return [...days(b)].some((d) => inA.has(d));
};

/**
 * The same insured event (issue 13.5): births of the same mother too close together to be two deliveries (one
 * delivery may span days, domain.md 4.2 twins); the same death, whichever funeral benefit; days of the same allowance
 * paid twice. 出産手当金 and 傷病手当金 on the same days are not duplicates: the priority rule settles them.
 */
export function sameInsuredEvent(a: InsuredEvent, b: InsuredEvent): boolean {
  if (a.type === 'birth' && b.type === 'birth')
    return a.personId === b.personId && daysApart(a.birthDate, b.birthDate) < CHILDBIRTH_RULES.minDaysBetweenDeliveries;
  if (a.type === 'death' && b.type === 'death') return a.personId === b.personId;
  if (a.type === 'allowance-days' && b.type === 'allowance-days')
    return a.kind === b.kind && overlap(a.paidDays, b.paidDays);
  return false;
}

export function duplicatesOf(
  registered: readonly RegisteredEvent[],
  claimId: string,
  event: InsuredEvent,
): RegisteredEvent[] {
  return registered.filter((r) => r.claimId !== claimId && sameInsuredEvent(r.insuredEvent, event));
}

/**
 * The other allowance paid on days this claim covers (domain.md 4.1/4.2): for 傷病手当金 the 出産手当金 paid (it has
 * priority, only the excess is paid); for 出産手当金 the 傷病手当金 already paid (counted as paid on account of it).
 */
export function priorityPayments(
  registered: readonly RegisteredEvent[],
  kind: Allowance,
  claimPeriod: { from: string; to: string },
): { claimIds: string[]; paidDays: DailyAmountRange[] } {
  const other = kind === 'sickness-allowance' ? 'maternity-allowance' : 'sickness-allowance';
  const relevant = registered.filter(
    (r) =>
      r.insuredEvent.type === 'allowance-days' &&
      r.insuredEvent.kind === other &&
      overlap(r.insuredEvent.paidDays, [claimPeriod]),
  );
  return {
    claimIds: relevant.map((r) => r.claimId),
    paidDays: relevant.flatMap((r) => (r.insuredEvent.type === 'allowance-days' ? r.insuredEvent.paidDays : [])),
  };
}

/** The registry entry an approval appends (same transaction as the approval). */
export function registrationFor(
  claim: { memberId: string; claimId: string; kind: BenefitKind; insuredEvent: InsuredEvent },
  approvedOn: string,
  duplicateOverride: { reason: string; earlierClaimIds: string[] } | null,
): InsuredEventRegistered {
  const { memberId, claimId, kind, insuredEvent } = claim;
  return {
    type: 'InsuredEventRegistered',
    data: { memberId, claimId, kind, insuredEvent, approvedOn, duplicateOverride },
  };
}
