import type { Event } from '@kenpo/kernel';
import type { MedicalCostRecord } from '../automatic-benefits.js';
import type { AutomaticBenefitKind } from '../claim.types.js';

/**
 * Stream `medical-costs-<memberId>`: every receipt recorded for the member's household and what each automatic
 * benefit is due so far. A late-recorded earlier month re-derives the later months from it (多数回該当, issue 13.1);
 * appended in the same transaction as the claims it causes, so concurrent batches cannot both decide from one state.
 */
export const medicalCostLedgerStreamId = (memberId: string): string => `medical-costs-${memberId}`;

/** What one recording did to one benefit key: its due amount before and after, and the claim actions that did it. */
export interface DueChange {
  key: string;
  month: string;
  kind: AutomaticBenefitKind;
  from: number;
  to: number;
  /** A claim recorded for the key (the first, an additional payment, or a replacement of a withdrawn one). */
  recorded: { claimId: string; amount: number } | null;
  /** 返納金 recorded on approved claims of the key. */
  recoveries: { claimId: string; recoveryId: string; amount: number }[];
  /** Claims of the key still awaiting an approver, withdrawn because their amount is no longer right. */
  withdrawn: string[];
}

export type MedicalCostsRecorded = Event<
  'MedicalCostsRecorded',
  {
    memberId: string;
    month: string;
    /** The receipts new to the ledger (a receipt already recorded with the same figures is not repeated). */
    receipts: MedicalCostRecord[];
    changes: DueChange[];
  }
>;

export interface LedgerClaim {
  claimId: string;
  amount: number;
  recovered: number;
  withdrawn: boolean;
}

export interface LedgerState {
  receipts: Record<string, MedicalCostRecord[]>;
  /** Per benefit key: the amount due and the claims that pay it, oldest first. */
  keys: Record<string, { month: string; kind: AutomaticBenefitKind; due: number; claims: LedgerClaim[] }>;
}

export const initialLedgerState = (): LedgerState => ({ receipts: {}, keys: {} });

export function evolveLedger(state: LedgerState, event: MedicalCostsRecorded): LedgerState {
  const { month, receipts, changes } = event.data;
  const keys = { ...state.keys };
  for (const change of changes) {
    const before = keys[change.key] ?? { month: change.month, kind: change.kind, due: 0, claims: [] };
    let claims = before.claims.map((c) => {
      const recovered = change.recoveries.filter((r) => r.claimId === c.claimId).reduce((a, r) => a + r.amount, 0);
      return {
        ...c,
        recovered: c.recovered + recovered,
        withdrawn: c.withdrawn || change.withdrawn.includes(c.claimId),
      };
    });
    if (change.recorded) claims = [...claims, { ...change.recorded, recovered: 0, withdrawn: false }];
    keys[change.key] = { ...before, due: change.to, claims };
  }
  return {
    receipts: { ...state.receipts, [month]: [...(state.receipts[month] ?? []), ...receipts] },
    keys,
  };
}

export const foldLedger = (events: readonly { type: string; data: unknown }[]): LedgerState =>
  events
    .filter((e): e is MedicalCostsRecorded => e.type === 'MedicalCostsRecorded')
    .reduce(evolveLedger, initialLedgerState());

/** One receipt: a person's month at an institution, in- or outpatient, medical or dental (domain.md 4.5 [P57]). */
export const receiptIdentity = (r: MedicalCostRecord): string =>
  [r.personId, r.month, r.institution, r.setting, r.dental ? 'dental' : 'medical'].join('|');
