import { businessDate } from '@kenpo/kernel';
import { Trace, type Calculation } from './breakdown.js';
import { wholeYen } from './reimbursement.js';

/** 移送費 / 家族移送費 (domain.md 4.7 [P61]): the most economical usual route, capped at the actual cost; no co-payment. */
export interface TransportInput {
  transportDate: string;
  paidOn: string;
  /** Cost by the most economical usual route and method, as the society assessed it (one attendant included). */
  assessedCost: number;
  actualCost: number;
}

export function calculateTransport(input: TransportInput): Calculation {
  const trace = new Trace('transport-expenses', { ...input });
  businessDate(input.transportDate, 'transportDate');
  businessDate(input.paidOn, 'paidOn');
  const assessed = wholeYen(input.assessedCost, 'assessedCost');
  const actual = wholeYen(input.actualCost, 'actualCost');
  return trace.done(
    trace.step(
      'amount = assessed cost, capped by the actual cost',
      Math.min(assessed, actual),
      `min(${assessed}, ${actual})`,
    ),
  );
}
