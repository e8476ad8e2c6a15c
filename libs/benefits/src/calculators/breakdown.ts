import { roundYen, yen, type RoundingMode, type Yen } from '@kenpo/kernel';

/** A reference-data row a calculation used, with the date its version took effect. */
export interface ReferenceUsed {
  table: string;
  effectiveFrom: string | null;
  row: Record<string, unknown>;
}

/** One step of a calculation; rounding steps keep the value before rounding. */
export interface CalculationStep {
  step: string;
  /** A figure, or a date for steps that fix one. */
  value: number | string;
  formula?: string;
  rounding?: { unit: number; mode: RoundingMode; before: number };
}

/** Why an amount is what it is: stored in the event next to the amount. Plain JSON. */
export interface Breakdown {
  calculator: string;
  inputs: Record<string, unknown>;
  references: ReferenceUsed[];
  steps: CalculationStep[];
  notes: string[];
}

export interface Calculation {
  amount: Yen;
  breakdown: Breakdown;
  /** Allowances: the days paid and what each was paid, in ranges (duplicate detection and priority, issue 13.5). */
  paidDays?: { from: string; to: string; dailyAmount: number }[];
}

const precise = (value: number) => Math.round(value * 1e6) / 1e6;

/** Collects the breakdown while a calculator runs; local to one pure call. */
export class Trace {
  private readonly b: Breakdown;
  constructor(calculator: string, inputs: Record<string, unknown>) {
    this.b = { calculator, inputs, references: [], steps: [], notes: [] };
  }
  ref(table: string, effectiveFrom: string | null, row: Record<string, unknown>): void {
    this.b.references.push({ table, effectiveFrom, row });
  }
  step<V extends number | string>(step: string, value: V, formula?: string): V {
    const stored = typeof value === 'number' ? precise(value) : value;
    this.b.steps.push(formula === undefined ? { step, value: stored } : { step, value: stored, formula });
    return value;
  }
  round(step: string, value: number, unit: number, mode: RoundingMode, formula?: string): Yen {
    const rounded = roundYen(value, unit, mode);
    this.b.steps.push({
      step,
      value: rounded,
      ...(formula === undefined ? {} : { formula }),
      rounding: { unit, mode, before: precise(value) },
    });
    return rounded;
  }
  note(text: string): void {
    this.b.notes.push(text);
  }
  done(amount: number): Calculation {
    return { amount: yen(amount), breakdown: this.b };
  }
}
