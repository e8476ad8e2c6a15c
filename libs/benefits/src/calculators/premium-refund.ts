import { businessDate, monthOf, ValidationError, yearMonth } from '@kenpo/kernel';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';
import { wholeYen } from './reimbursement.js';

export type ContinuationEndReason =
  'two-years-elapsed' | 'death' | 'premium-unpaid' | 'insured-elsewhere' | 'age-75' | 'own-request';

/** Refund of prepaid (前納) voluntary-continuation premiums on loss (domain.md 3.2 [P29] [P26]). */
export interface PremiumRefundInput {
  lossDate: string;
  reason: ContinuationEndReason;
  /** Each prepaid month with the (discounted) amount actually paid for it. */
  prepaidMonths: { month: string; amountPaid: number }[];
}

/**
 * Premiums are owed up to the month before the month of the loss date, so prepaid months from that month on are
 * refunded at what was paid for them (the prepayment discount is not charged back).
 */
export function calculatePremiumRefund(input: PremiumRefundInput, settings: SocietySettings): Calculation {
  const trace = new Trace('premium-refund', { ...input });
  const loss = businessDate(input.lossDate, 'lossDate');
  const seen = new Set<string>();
  const months = input.prepaidMonths.map((p, i) => {
    const month = yearMonth(p.month, `prepaidMonths[${i}].month`);
    if (seen.has(month))
      throw ValidationError.of(`prepaidMonths[${i}].month`, 'duplicate_month', 'each month may appear once');
    seen.add(month);
    return { month, amountPaid: wholeYen(p.amountPaid, `prepaidMonths[${i}].amountPaid`) };
  });
  if (input.reason === 'own-request' && !settings.refundPrepaidPremiumsOnOwnRequest) {
    trace.note("the society does not refund prepaid premiums on withdrawal at the member's request (domain.md 3.2)");
    return trace.done(0);
  }
  const first = monthOf(loss);
  const refunded = months.filter((m) => m.month >= first).sort((a, b) => a.month.localeCompare(b.month));
  trace.step('first month not owed (month of the loss date)', first);
  trace.step('prepaid months refunded', refunded.length, refunded.map((m) => m.month).join(', '));
  return trace.done(
    trace.step(
      'amount = Σ paid for those months',
      refunded.reduce((a, m) => a + m.amountPaid, 0),
    ),
  );
}
