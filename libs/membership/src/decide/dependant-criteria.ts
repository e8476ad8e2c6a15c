import { ageOn, businessDate } from '@kenpo/kernel';
import type { Relationship, RefusalReason, Residence } from '../member.events.js';
import { dependantRulesOn } from '../reference/dependant-income-limits.js';

/** 健康保険法第3条第7項 (domain.md 3.3): group A needs livelihood only, group B also the same household. */
export const GROUP_A: readonly Relationship[] = [
  'spouse',
  'common-law-spouse',
  'child',
  'grandchild',
  'parent',
  'grandparent',
  'great-grandparent',
  'sibling',
];
export const GROUP_B: readonly Relationship[] = [
  'other-relative-within-third-degree',
  'common-law-spouse-parent',
  'common-law-spouse-child',
];
const SPOUSES: readonly Relationship[] = ['spouse', 'common-law-spouse'];

export interface DependantFacts {
  relationship: Relationship;
  dateOfBirth: string;
  recognizedFrom: string;
  expectedAnnualIncome: number;
  sameHousehold: boolean;
  monthlyRemittance: number | null;
  residence: Residence;
  disabled: boolean;
  insuredAnnualIncome: number;
  insuredIsMainEarner: boolean;
}

const yenText = (amount: number) => `${amount.toLocaleString('en-US')} yen`;

/** The annual income limit that applies to the person on the recognition date (the highest that applies). */
export function incomeLimitFor(
  f: Pick<DependantFacts, 'relationship' | 'dateOfBirth' | 'recognizedFrom' | 'disabled'>,
): number {
  const rules = dependantRulesOn(businessDate(f.recognizedFrom));
  const dob = businessDate(f.dateOfBirth);
  const limits = [rules.generalIncomeLimit];
  if (f.disabled || ageOn(dob, businessDate(f.recognizedFrom)) >= 60)
    limits.push(rules.sixtyOrOverOrDisabledIncomeLimit);
  // The 19–22 band judges the age at 12/31 of the year and excludes spouses (domain.md 3.3).
  const ageAtYearEnd = ageOn(dob, businessDate(`${f.recognizedFrom.slice(0, 4)}-12-31`));
  if (
    rules.age19To22IncomeLimit !== null &&
    !SPOUSES.includes(f.relationship) &&
    ageAtYearEnd >= 19 &&
    ageAtYearEnd <= 22
  ) {
    limits.push(rules.age19To22IncomeLimit);
  }
  return Math.max(...limits);
}

/** Every failed recognition criterion of domain.md 3.3; empty when the person can be recognised. */
export function dependantRefusalReasons(f: DependantFacts): RefusalReason[] {
  const rules = dependantRulesOn(businessDate(f.recognizedFrom));
  const reasons: RefusalReason[] = [];
  if (ageOn(businessDate(f.dateOfBirth), businessDate(f.recognizedFrom)) >= rules.excludedFromAge) {
    reasons.push({
      rule: 'late_stage_elderly',
      field: 'dateOfBirth',
      message: `a person aged ${rules.excludedFromAge} or over is covered by 後期高齢者医療 and cannot be a dependant`,
    });
  }
  if (GROUP_B.includes(f.relationship) && !f.sameHousehold) {
    reasons.push({
      rule: 'same_household_required',
      field: 'sameHousehold',
      message:
        'relatives outside the direct line, spouse, children, grandchildren and siblings must live in the same household',
    });
  }
  const limit = incomeLimitFor(f);
  if (f.expectedAnnualIncome >= limit) {
    reasons.push({
      rule: 'income_limit',
      field: 'expectedAnnualIncome',
      message: `expected annual income must be less than ${yenText(limit)}`,
    });
  }
  if (f.sameHousehold) {
    const belowHalf = f.expectedAnnualIncome * 2 < f.insuredAnnualIncome;
    const mainEarnerException = f.insuredIsMainEarner && f.expectedAnnualIncome <= f.insuredAnnualIncome;
    if (!belowHalf && !mainEarnerException) {
      reasons.push({
        rule: 'half_of_insured_income',
        field: 'expectedAnnualIncome',
        message: "expected annual income must be less than half of the insured's annual income",
      });
    }
  } else if (f.monthlyRemittance === null || f.expectedAnnualIncome >= f.monthlyRemittance * 12) {
    reasons.push({
      rule: 'less_than_remittance',
      field: 'monthlyRemittance',
      message: "expected annual income must be less than the insured's remittance (monthly remittance × 12)",
    });
  }
  if (rules.domesticResidenceRequired) {
    const r = f.residence;
    if (r.inJapan ? r.excludedVisa !== null : r.exception === null) {
      reasons.push({
        rule: 'domestic_residence',
        field: 'residence',
        message: r.inJapan
          ? 'residents on a medical-stay or long-stay sightseeing visa cannot be dependants'
          : 'a person living abroad can be a dependant only under one of the residence exceptions',
      });
    }
  }
  return reasons;
}
