import { businessDate, RuleViolation, ValidationError } from '@kenpo/kernel';
import { FUNERAL_AMOUNT } from '../reference/lump-sums.js';
import { lookup } from '../reference/lookup.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';

/**
 * domain.md 4.4: 埋葬料 (death of the insured, to the supported person who buries: flat), 埋葬費 (nobody such:
 * the actual cost up to the same amount, to whoever buried), 家族埋葬料 (death of a dependant, to the insured).
 */
export type FuneralKind = 'burial-allowance' | 'burial-expenses' | 'family-burial-allowance';

export interface FuneralInput {
  dateOfDeath: string;
  /** 埋葬費 only: the day of the burial (its limitation starts the day after) and its actual cost. */
  burialDate?: string | null;
  burialCost?: number | null;
  /** 家族埋葬料 is not paid for a stillbirth. */
  stillbirth?: boolean;
}

export function calculateFuneral(kind: FuneralKind, input: FuneralInput, settings: SocietySettings): Calculation {
  const trace = new Trace(kind, { ...input });
  const death = businessDate(input.dateOfDeath, 'dateOfDeath');
  const { from, value: statutory } = lookup(FUNERAL_AMOUNT, death, 'funeral amount');
  trace.ref('FUNERAL_AMOUNT', from, { amount: statutory });
  if (kind === 'family-burial-allowance' && input.stillbirth) {
    throw RuleViolation.of(
      'stillbirth',
      'stillbirth_not_covered',
      'the family burial allowance is not paid for a stillbirth',
    );
  }
  if (kind === 'burial-expenses') {
    const cost = input.burialCost;
    if (typeof cost !== 'number' || !Number.isSafeInteger(cost) || cost < 0) {
      throw ValidationError.of('burialCost', 'non_negative_yen', 'is required for burial expenses, in whole yen');
    }
    businessDate(input.burialDate, 'burialDate');
    // The add-on follows the statutory benefit it is attached to; 埋葬費 has none here.
    return trace.done(trace.step('actual cost, capped', Math.min(cost, statutory), `min(${cost}, ${statutory})`));
  }
  const addOn = kind === 'burial-allowance' ? settings.funeralAddOn.insured : settings.funeralAddOn.family;
  trace.step('statutory flat amount', statutory);
  if (addOn > 0) trace.ref('society.funeralAddOn', null, { amount: addOn });
  return trace.done(trace.step('amount = statutory + society add-on', statutory + addOn));
}
