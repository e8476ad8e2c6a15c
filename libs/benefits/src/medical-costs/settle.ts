import type { AutomaticBenefitClaim } from '../automatic-benefits.js';
import type { DueChange, LedgerState } from './ledger.js';
import type { DueAmount } from './reevaluate.js';

export const REEVALUATION_REASON = 'reevaluation';

export interface Settlement {
  changes: DueChange[];
  /** Claims to record: the first of a key, an additional payment (`adjusts`), or a replacement. */
  records: { claimId: string; benefit: AutomaticBenefitClaim; adjusts: { claimId: string; reason: string } | null }[];
  /** 返納金 on approved claims that paid more than is now due. */
  recoveries: { claimId: string; recoveryId: string; amount: number; detail: string }[];
  /** Claims awaiting an approver whose amount is no longer right: withdrawn, and replaced when something is due. */
  withdrawals: { claimId: string; reason: string }[];
}

/** The additional payment's breakdown: the full derivation, then what was already due and the difference. */
function difference(benefit: AutomaticBenefitClaim, key: string, already: number): AutomaticBenefitClaim {
  const amount = benefit.amount - already;
  return {
    ...benefit,
    key,
    amount,
    breakdown: {
      ...benefit.breakdown,
      steps: [
        ...benefit.breakdown.steps,
        { step: 'already due on earlier claims of this benefit', value: already },
        { step: 'additional payment', value: amount, formula: `${benefit.amount} − ${already}` },
      ],
      notes: [
        ...benefit.breakdown.notes,
        're-evaluated after medical costs of an earlier month were recorded (多数回該当)',
      ],
    },
  };
}

/**
 * Turns new due amounts into claim actions (issue 13.1: the difference is recorded, never left silently wrong): more
 * due → a claim for the difference; less due → 返納金 on approved claims, latest first, and claims still awaiting an
 * approver withdrawn (then replaced by a claim for what is due). `approved` names the claims approved now;
 * `claimIdOf` maps a claim key (`key`, `key#1`, ...) to its deterministic claim id. Pure.
 */
export function settle(
  dues: readonly DueAmount[],
  ledger: LedgerState,
  approved: ReadonlySet<string>,
  claimIdOf: (claimKey: string) => string,
  cause: string,
): Settlement {
  const out: Settlement = { changes: [], records: [], recoveries: [], withdrawals: [] };
  for (const due of dues) {
    const entry = ledger.keys[due.key];
    const claims = entry?.claims ?? [];
    const live = claims.filter((c) => !c.withdrawn);
    let paid = live.reduce((a, c) => a + c.amount - c.recovered, 0);
    const { key, month, kind, from, to } = due;
    const change: DueChange = { key, month, kind, from, to, recorded: null, recoveries: [], withdrawn: [] };
    const detail = `${due.month} re-evaluated (${cause}): due ${due.from} → ${due.to} yen`;
    for (const claim of [...live].reverse()) {
      if (paid <= due.to) break;
      const net = claim.amount - claim.recovered;
      if (net <= 0) continue;
      if (!approved.has(claim.claimId)) {
        change.withdrawn.push(claim.claimId);
        out.withdrawals.push({ claimId: claim.claimId, reason: detail });
        paid -= net;
        continue;
      }
      const amount = Math.min(net, paid - due.to);
      const recoveryId = `${REEVALUATION_REASON}:${claim.claimId}:${claim.recovered}+${amount}`;
      change.recoveries.push({ claimId: claim.claimId, recoveryId, amount });
      out.recoveries.push({ claimId: claim.claimId, recoveryId, amount, detail });
      paid -= amount;
    }
    if (due.to > paid && due.benefit) {
      const claimKey = claims.length === 0 ? due.key : `${due.key}#${claims.length}`;
      const claimId = claimIdOf(claimKey);
      const benefit = claims.length === 0 ? due.benefit : difference(due.benefit, claimKey, paid);
      const adjusts = claims.length === 0 ? null : { claimId: claims[0]!.claimId, reason: detail };
      change.recorded = { claimId, amount: benefit.amount };
      out.records.push({ claimId, benefit, adjusts });
    }
    out.changes.push(change);
  }
  return out;
}
