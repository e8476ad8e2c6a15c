import { addDays, addYears, partsOf, type BusinessDate } from '@kenpo/kernel';

/** Who pays what share of a reimbursed cost (domain.md 4.7 [P60b]): the insurer's share in tenths. */
export type CopaymentCategory = 'pre-school' | 'working-age' | '70-74' | '70-74-active-income';

export const INSURER_SHARE_TENTHS: Readonly<Record<CopaymentCategory, number>> = {
  'pre-school': 8,
  'working-age': 7,
  '70-74': 8,
  '70-74-active-income': 7,
};

/**
 * The category on a treatment date. Pre-school lasts to the first 31 March after the day before the 6th
 * birthday (the legal "day of reaching 6"); the 70-74 share applies from the month after the one in which the
 * person reaches 70, and ends at 75 (後期高齢者医療).
 */
export function copaymentCategoryOn(
  birthDate: BusinessDate,
  on: BusinessDate,
  activeIncome: boolean,
): CopaymentCategory | 'over-75' {
  const reaches6 = addDays(addYears(birthDate, 6), -1);
  const { year, month } = partsOf(reaches6);
  const schoolYearEnd = `${month <= 3 ? year : year + 1}-03-31`;
  if (on <= schoolYearEnd) return 'pre-school';
  if (on >= addYears(birthDate, 75)) return 'over-75';
  // 高齢受給者: from the month after the one containing the legal day of reaching 70 (the day before the birthday),
  // hence the birthday month for those born on the 1st only (the same date the lifecycle run records).
  const p = partsOf(addDays(addYears(birthDate, 70), -1));
  const from = nextMonth(p.year, p.month);
  if (on.slice(0, 7) >= from) return activeIncome ? '70-74-active-income' : '70-74';
  return 'working-age';
}

function nextMonth(year: number, month: number): string {
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Age group for the high-cost brackets: the 70-74 table applies from the same month as the 70-74 share. */
export function highCostAgeGroupOn(birthDate: BusinessDate, on: BusinessDate): 'under-70' | '70-74' | 'over-75' {
  const category = copaymentCategoryOn(birthDate, on, false);
  return category === '70-74' ? '70-74' : category === 'over-75' ? 'over-75' : 'under-70';
}
