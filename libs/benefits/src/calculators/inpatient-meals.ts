import { businessDate, daysBetween, ValidationError } from '@kenpo/kernel';
import { lookup } from '../reference/lookup.js';
import { MAX_MEALS_PER_DAY, MEAL_STANDARD_CHARGES, type MealCategory } from '../reference/meal-charges.js';
import type { SocietySettings } from '../reference/society-settings.js';
import { Trace, type Calculation } from './breakdown.js';
import { dateRange, type DateRange } from './days.js';
import { wholeYen } from './reimbursement.js';

/** 入院時食事療養費 paid by the patient in full and reimbursed (domain.md 4.6). */
export interface InpatientMealsInput {
  stay: DateRange;
  meals: number;
  category: MealCategory;
  amountPaid: number;
  paidOn: string;
}

/** (standard cost − standard charge) per meal × meals, capped by what was paid beyond the standard charges. */
export function calculateInpatientMeals(input: InpatientMealsInput, settings: SocietySettings): Calculation {
  const trace = new Trace('inpatient-meal-expenses', { ...input });
  const stay = dateRange(input.stay, 'stay');
  businessDate(input.paidOn, 'paidOn');
  const days = daysBetween(stay.from, stay.to) + 1;
  if (!Number.isInteger(input.meals) || input.meals < 1 || input.meals > days * MAX_MEALS_PER_DAY) {
    throw ValidationError.of('meals', 'max_meals', `must be from 1 to ${MAX_MEALS_PER_DAY} meals per day of the stay`);
  }
  const paid = wholeYen(input.amountPaid, 'amountPaid');
  // Rates in force on the first day of the stay; a stay across a rate change is claimed in two parts.
  const charges = lookup(MEAL_STANDARD_CHARGES, stay.from, 'meal standard charges');
  const charge = charges.value[input.category];
  if (charge === null)
    throw ValidationError.of(
      'category',
      'no_reference_data',
      'no standard charge is held for this category on that date',
    );
  const cost = lookup(settings.mealStandardCostPerMeal, stay.from, 'meal standard cost');
  trace.ref('MEAL_STANDARD_CHARGES', charges.from, { category: input.category, perMeal: charge });
  trace.ref('society.mealStandardCostPerMeal', cost.from, { perMeal: cost.value });
  const perMeal = trace.step(
    'benefit per meal = standard cost − standard charge',
    Math.max(0, cost.value - charge),
    `${cost.value} − ${charge}`,
  );
  const full = trace.step('benefit for the meals', perMeal * input.meals, `${perMeal} × ${input.meals}`);
  const cap = trace.step('paid beyond the standard charges', Math.max(0, paid - charge * input.meals));
  return trace.done(trace.step('amount', Math.min(full, cap)));
}
