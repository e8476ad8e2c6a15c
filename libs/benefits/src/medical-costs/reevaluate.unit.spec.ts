import { describe, expect, it } from '@jest/globals';
import type { MedicalCostRecord } from '../automatic-benefits.js';
import { societySettings } from '../reference/society-settings.js';
import { evolveLedger, initialLedgerState, type LedgerState } from './ledger.js';
import { reevaluate } from './reevaluate.js';
import { settle } from './settle.js';

const receipt = (month: string, over: Partial<MedicalCostRecord> = {}): MedicalCostRecord => ({
  memberId: 'm-1',
  personId: 'insured',
  month,
  institution: 'H1',
  setting: 'inpatient',
  dental: false,
  totalMedicalCost: 1_000_000,
  copaymentPaid: 300_000,
  ceilingAppliedAtCounter: false,
  ...over,
});
const input = (month: string, records: MedicalCostRecord[], prior: string[] = []) => ({
  month,
  records,
  household: () => ({
    memberId: 'm-1',
    insuredSmr: 300_000,
    lowIncome: null,
    ageGroups: { insured: 'under-70' as const },
  }),
  priorHighCostMonths: prior,
  settings: societySettings(),
});
const claimId = (key: string) => `claim:${key}`;

/** Records a month into the ledger as the API does, every claim approved. */
function record(
  ledger: LedgerState,
  month: string,
  approved = true,
): { ledger: LedgerState; changes: ReturnType<typeof settle> } {
  const { receipts, dues } = reevaluate(ledger, input(month, [receipt(month)]), [0]);
  const ids = Object.values(ledger.keys).flatMap((k) => k.claims.map((c) => c.claimId));
  const changes = settle(dues, ledger, new Set(approved ? ids : []), claimId, 'test');
  const next = evolveLedger(ledger, {
    type: 'MedicalCostsRecorded',
    data: { memberId: 'm-1', month, receipts, changes: changes.changes },
  });
  return { ledger: next, changes };
}

describe('re-evaluation of later months (issue 13.1, domain.md 4.5)', () => {
  it('a late month makes a later one 多数回: the high-cost difference is an additional claim, the add-on a recovery', () => {
    let ledger = initialLedgerState();
    for (const month of ['2025-01', '2025-03', '2025-05']) ledger = record(ledger, month).ledger;
    const { changes } = record(ledger, '2025-04');
    expect(changes.records.map((r) => [r.benefit.month, r.benefit.kind, r.benefit.amount, r.adjusts !== null])).toEqual(
      [
        ['2025-04', 'high-cost-medical', 212_570, false],
        ['2025-04', 'additional-benefit', 67_400, false],
        ['2025-05', 'high-cost-medical', 43_030, true],
      ],
    );
    expect(changes.recoveries).toEqual([expect.objectContaining({ amount: 43_000 })]);
    expect(changes.records[2]!.benefit.breakdown.steps.at(-1)).toMatchObject({
      step: 'additional payment',
      value: 43_030,
    });
  });

  it('a claim still awaiting its approver is withdrawn instead of recovered, and replaced by what is now due', () => {
    let ledger = initialLedgerState();
    for (const month of ['2025-01', '2025-03', '2025-05']) ledger = record(ledger, month).ledger;
    const { changes } = record(ledger, '2025-04', false);
    const may = 'claim:m-1:insured:2025-05:H1%2Finpatient:additional-benefit';
    expect(changes.withdrawals.map((w) => w.claimId)).toEqual([may]);
    expect(changes.recoveries).toEqual([]);
    expect(changes.records.find((r) => r.adjusts?.claimId === may)!.benefit.amount).toBe(24_400);
  });

  it('re-sending a month changes nothing; the same receipt with other figures is a conflict', () => {
    const { ledger } = record(initialLedgerState(), '2025-01');
    expect(reevaluate(ledger, input('2025-01', [receipt('2025-01')]), [0])).toMatchObject({ receipts: [], dues: [] });
    expect(() => reevaluate(ledger, input('2025-01', [receipt('2025-01', { copaymentPaid: 250_000 })]), [3])).toThrow(
      expect.objectContaining({ code: 'duplicate_receipt', message: expect.stringContaining('records.3') }),
    );
  });

  it('months recorded before the ledger count in the window; those outside it do not', () => {
    const within = reevaluate(
      initialLedgerState(),
      input('2025-05', [receipt('2025-05')], ['2024-06', '2024-09', '2025-01']),
      [0],
    );
    expect(within.monthBenefits[0]!.amount).toBe(255_600);
    const outside = reevaluate(
      initialLedgerState(),
      input('2025-05', [receipt('2025-05')], ['2024-05', '2024-09', '2025-01']),
      [0],
    );
    expect(outside.monthBenefits[0]!.amount).toBe(212_570);
  });
});
