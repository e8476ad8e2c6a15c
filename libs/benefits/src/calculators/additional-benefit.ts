import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';

export interface AdditionalBenefitInput {
  /** Co-payments of the receipts concerned (meal and living standard charges excluded). */
  copayment: number;
  /** 高額療養費 due on them: the add-on only refunds what the member still bears. */
  highCostBenefit: number;
  /** Number of receipts: the threshold is deducted per receipt. */
  receipts: number;
}

/** 付加給付 per the society's settings (domain.md 4.8 [P59a] [P59b] [P59c]). */
export function calculateAdditionalBenefit(
  input: AdditionalBenefitInput,
  settings: SocietySettings,
  calculator = 'additional-benefit',
): Calculation {
  const s = settings.additionalBenefit;
  const trace = new Trace(calculator, { ...input });
  trace.ref('society.additionalBenefit', null, { ...s });
  if (!s.enabled) {
    trace.note('the society pays no additional benefit');
    return trace.done(0);
  }
  const borne = trace.step(
    'co-payment still borne',
    input.copayment - input.highCostBenefit,
    `${input.copayment} − ${input.highCostBenefit}`,
  );
  const deduction = trace.step('threshold × receipts', s.thresholdPerReceipt * input.receipts);
  const rounded = trace.round(
    'excess, rounded',
    Math.max(0, borne - deduction),
    s.rounding.unit,
    s.rounding.mode,
    `${borne} − ${deduction}`,
  );
  if (rounded < s.minimumPayout) {
    trace.note(`below the minimum payout of ${s.minimumPayout} yen: not paid`);
    return trace.done(0);
  }
  return trace.done(rounded);
}
