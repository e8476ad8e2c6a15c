import { businessDate, ValidationError } from '@kenpo/kernel';
import { copaymentCategoryOn, INSURER_SHARE_TENTHS } from '../reference/copayment-shares.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';

/** 療養費 / 訪問看護療養費 paid in full by the patient and reimbursed (domain.md 4.7). */
export interface ReimbursementInput {
  treatmentDate: string;
  /** The day the patient paid: the limitation runs from the day after (domain.md 4.9). */
  paidOn: string;
  /** The amount the society recognises by its own calculation (standard fees, or the Japanese equivalent abroad). */
  recognizedCost: number;
  amountPaid: number;
  patientBirthDate: string;
  /** 現役並み所得 at 70-74: the insurer pays 7 tenths instead of 8. */
  activeIncome?: boolean;
}

export function wholeYen(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw ValidationError.of(field, 'non_negative_yen', 'must be a whole number of yen, 0 or more');
  }
  return value;
}

/** The recognised cost (capped by what was paid) less the patient's co-payment share by age. */
export function calculateReimbursement(
  input: ReimbursementInput,
  settings: SocietySettings,
  calculator = 'medical-expense-reimbursement',
): Calculation {
  const trace = new Trace(calculator, { ...input });
  const treatment = businessDate(input.treatmentDate, 'treatmentDate');
  businessDate(input.paidOn, 'paidOn');
  const recognized = wholeYen(input.recognizedCost, 'recognizedCost');
  const paid = wholeYen(input.amountPaid, 'amountPaid');
  const category = copaymentCategoryOn(
    businessDate(input.patientBirthDate, 'patientBirthDate'),
    treatment,
    input.activeIncome ?? false,
  );
  if (category === 'over-75') {
    throw ValidationError.of(
      'patientBirthDate',
      'over_75',
      'persons of 75 or more are covered by 後期高齢者医療, not by the society',
    );
  }
  const share = INSURER_SHARE_TENTHS[category];
  trace.ref('INSURER_SHARE_TENTHS', null, { category, insurerShareTenths: share });
  const base = trace.step(
    'cost recognised, capped by the amount paid',
    Math.min(recognized, paid),
    `min(${recognized}, ${paid})`,
  );
  const { unit, mode } = settings.copaymentRounding;
  const copay = trace.round(
    'patient co-payment share',
    (base * (10 - share)) / 10,
    unit,
    mode,
    `${base} × ${10 - share}/10`,
  );
  return trace.done(trace.step('amount = cost − co-payment', base - copay));
}
