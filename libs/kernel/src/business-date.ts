import { ValidationError } from './errors.js';

/** A calendar date in Japan, `YYYY-MM-DD`. Business dates never carry a time or an offset. */
export type BusinessDate = string & { readonly __brand: 'BusinessDate' };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * The dates a record of the society can carry: births of the oldest insured to the longest document validity. Outside
 * it a date is a typing error (9999-12-31), and date arithmetic on it would leave the four-digit year.
 */
export const FIRST_BUSINESS_DATE = '1900-01-01';
export const LAST_BUSINESS_DATE = '2199-12-31';
const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo) && value >= FIRST_BUSINESS_DATE && value <= LAST_BUSINESS_DATE;
}

/** A month `YYYY-MM` within the same range. */
export function isYearMonth(value: unknown): value is YearMonth {
  return (
    typeof value === 'string' &&
    /^\d{4}-(0[1-9]|1[0-2])$/.test(value) &&
    value >= FIRST_BUSINESS_DATE.slice(0, 7) &&
    value <= LAST_BUSINESS_DATE.slice(0, 7)
  );
}

/** Parses a `YYYY-MM-DD` string that names a real calendar day (2025-02-30 is refused). */
export function businessDate(value: unknown, field = 'date'): BusinessDate {
  if (!isBusinessDate(value)) {
    throw ValidationError.of(
      field,
      'business_date',
      `must be a real calendar date in the form YYYY-MM-DD, between ${FIRST_BUSINESS_DATE} and ${LAST_BUSINESS_DATE}`,
    );
  }
  return value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMs(date: BusinessDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}
function fromUtcMs(ms: number): BusinessDate {
  return new Date(ms).toISOString().slice(0, 10) as BusinessDate;
}

/** The date in Japan (UTC+9, no daylight saving) at an instant. */
export function japanDateOf(instant: Date): BusinessDate {
  return fromUtcMs(instant.getTime() + JST_OFFSET_MS);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const { year, month, day } = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as BusinessDate;
}

export function addYears(date: BusinessDate, years: number): BusinessDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function partsOf(date: BusinessDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function endOfMonth(date: BusinessDate): BusinessDate {
  const { year, month } = partsOf(date);
  return `${date.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}` as BusinessDate;
}

export function startOfMonth(date: BusinessDate): BusinessDate {
  return `${date.slice(0, 7)}-01` as BusinessDate;
}

/**
 * Age in completed years on `on`. Japanese law (年齢計算ニ関スル法律) counts a year as completed on the day
 * before the birthday; callers that need the legal moment use `legalAgeOn`.
 */
export function ageOn(birthDate: BusinessDate, on: BusinessDate): number {
  const b = partsOf(birthDate);
  const o = partsOf(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}

/** A `YYYY-MM` month. */
export type YearMonth = string & { readonly __brand: 'YearMonth' };

export function yearMonth(value: unknown, field = 'month'): YearMonth {
  if (!isYearMonth(value)) {
    throw ValidationError.of(
      field,
      'year_month',
      `must be a month in the form YYYY-MM, between ${FIRST_BUSINESS_DATE.slice(0, 7)} and ${LAST_BUSINESS_DATE.slice(0, 7)}`,
    );
  }
  return value as YearMonth;
}

export function monthOf(date: BusinessDate): YearMonth {
  return date.slice(0, 7) as YearMonth;
}

export function addMonthsToYearMonth(month: YearMonth, months: number): YearMonth {
  return monthOf(addMonths(`${month}-01` as BusinessDate, months));
}
