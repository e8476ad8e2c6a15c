import type { Violation } from '@kenpo/kernel';
import { INSURER_SHARE_TENTHS } from './copayment-shares.js';

/** The largest share of the cost a patient pays at the counter (domain.md 4.7: 3割), in tenths. */
const MAX_COPAYMENT_TENTHS = 10 - Math.min(...Object.values(INSURER_SHARE_TENTHS));

/**
 * Sane bounds of one receipt (issue 13.4: a co-payment of 9e15 yen was approved): the total cost at most the
 * society's `maxTotalMedicalCost` (a setting), and the co-payment at most the largest statutory share of it (rounded up
 * to 10 yen, as counters round co-payments). Violations name the field and the rule; 400 before anything is read.
 */
export function medicalCostBoundViolations(
  record: { totalMedicalCost: number; copaymentPaid: number },
  field: string,
  maxTotalMedicalCost: number,
): Violation[] {
  if (record.totalMedicalCost > maxTotalMedicalCost)
    return [
      { field: `${field}.totalMedicalCost`, rule: 'max_yen', message: `must be at most ${maxTotalMedicalCost} yen` },
    ];
  const maxCopayment = Math.ceil((record.totalMedicalCost * MAX_COPAYMENT_TENTHS) / 100) * 10;
  if (record.copaymentPaid > maxCopayment)
    return [
      {
        field: `${field}.copaymentPaid`,
        rule: 'copayment_share',
        message: `must be at most ${MAX_COPAYMENT_TENTHS}/10 of the total medical cost (${maxCopayment} yen)`,
      },
    ];
  return [];
}
