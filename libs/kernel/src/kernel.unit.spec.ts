import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  addMonths,
  ageOn,
  businessDate,
  daysBetween,
  endOfMonth,
  eventIdFor,
  inForceOn,
  isBusinessDate,
  japanDateOf,
  newId,
  roundYen,
  ValidationError,
  yen,
} from './index.js';

describe('business dates (YYYY-MM-DD, Japan)', () => {
  it('refuses days that do not exist', () => {
    expect(isBusinessDate('2025-02-30')).toBe(false);
    expect(isBusinessDate('2024-02-29')).toBe(true);
    expect(isBusinessDate('2025-2-1')).toBe(false);
    expect(() => businessDate('2025-13-01', 'acquisitionDate')).toThrow(ValidationError);
  });
  it('takes the date in Japan, not in UTC', () => {
    expect(japanDateOf(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(japanDateOf(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });
  it('does calendar arithmetic', () => {
    expect(addDays(businessDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addMonths(businessDate('2025-01-31'), 1)).toBe('2025-02-28');
    expect(daysBetween(businessDate('2025-01-01'), businessDate('2025-12-31'))).toBe(364);
    expect(endOfMonth(businessDate('2024-02-10'))).toBe('2024-02-29');
    expect(ageOn(businessDate('1951-04-01'), businessDate('2026-03-31'))).toBe(74);
    expect(ageOn(businessDate('1951-04-01'), businessDate('2026-04-01'))).toBe(75);
  });
});

describe('yen', () => {
  it('is a whole number', () => {
    expect(() => yen(1.5)).toThrow(ValidationError);
    expect(yen(300)).toBe(300);
  });
  it('rounds to a unit with a mode', () => {
    expect(roundYen(10_333.34, 10)).toBe(10_330);
    expect(roundYen(10_335, 10)).toBe(10_340);
    expect(roundYen(6_886.6667)).toBe(6_887);
    expect(roundYen(199, 100, 'floor')).toBe(100);
  });
});

describe('ids', () => {
  it('derives deterministic, distinct event ids from a command id', () => {
    const commandId = newId(Date.UTC(2026, 0, 1));
    expect(eventIdFor(commandId, 0)).toBe(eventIdFor(commandId, 0));
    expect(eventIdFor(commandId, 1)).not.toBe(eventIdFor(commandId, 0));
    expect(eventIdFor(commandId, 1).slice(0, 13)).toBe(commandId.slice(0, 13));
  });
  it('orders v7 ids by time', () => {
    expect(newId(1_000) < newId(2_000)).toBe(true);
  });
});

describe('effective-dated reference data', () => {
  const table = [
    { from: '2023-04-01', value: 500_000 },
    { from: '2000-01-01', value: 420_000 },
  ];
  it('picks the entry in force on the date', () => {
    expect(inForceOn(table, businessDate('2023-03-31'))).toBe(420_000);
    expect(inForceOn(table, businessDate('2023-04-01'))).toBe(500_000);
  });
});
