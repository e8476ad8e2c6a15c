import { describe, expect, it } from '@jest/globals';
import { businessDate, gradeForRemuneration, gradeTableOn, RuleViolation, ValidationError } from '@kenpo/kernel';
import {
  gradeInForce,
  standardRemunerationHistory,
  standardRemunerationsForMonths,
  type ReviseStandardRemuneration,
} from './index.js';
import { command, enrollData, eventsOf, given } from './testing.js';

const table = gradeTableOn(businessDate('2026-04-01'))!;

describe('standard monthly remuneration table (domain.md 5)', () => {
  it('has 50 contiguous grades from 58,000 to 1,390,000 yen', () => {
    expect(table).toHaveLength(50);
    expect(table[0]).toEqual({ grade: 1, amount: 58_000, from: 0, to: 63_000 });
    expect(table[49]).toEqual({ grade: 50, amount: 1_390_000, from: 1_355_000, to: null });
    for (let i = 1; i < table.length; i++) expect(table[i]!.from).toBe(table[i - 1]!.to);
  });

  it.each([
    [62_999, 1, 58_000],
    [63_000, 2, 68_000],
    [300_000, 22, 300_000],
    [289_999, 21, 280_000],
    [395_000, 27, 410_000],
    [1_354_999, 49, 1_330_000],
    [5_000_000, 50, 1_390_000],
  ])('domain.md 5: %d yen a month is grade %d (%d yen)', (remuneration, grade, amount) => {
    expect(gradeForRemuneration(table, remuneration)).toMatchObject({ grade, amount });
  });

  it('holds no table before 2016-04-01', () => {
    expect(gradeTableOn(businessDate('2016-03-31'))).toBeNull();
  });
});

describe('ReviseStandardRemuneration (定時決定 / 随時改定)', () => {
  const enrolled = eventsOf([
    command(
      'EnrollMember',
      enrollData({ acquisitionDate: '2025-04-01', remuneration: { monthlyRemuneration: 300_000 } }),
    ),
  ]);
  const revise = (
    effectiveFrom: string,
    monthlyRemuneration: number,
    kind: ReviseStandardRemuneration['data']['kind'] = 'periodic',
  ) =>
    command<ReviseStandardRemuneration>('ReviseStandardRemuneration', {
      effectiveFrom,
      kind,
      remuneration: { monthlyRemuneration },
    });

  it('domain.md 5: records the new grade from a month', () => {
    given(enrolled)
      .when(revise('2025-09', 330_000))
      .then([
        {
          type: 'StandardRemunerationRevised',
          data: {
            personId: 'insured',
            grade: 24,
            standardMonthlyRemuneration: 340_000,
            effectiveFrom: '2025-09',
            kind: 'periodic',
            reportedRemuneration: 330_000,
          },
        },
      ]);
  });

  it('domain.md 4.1: keeps the history so benefits can average the last 12 months', () => {
    const history = [...enrolled, ...given(enrolled).when(revise('2025-09', 330_000)).events()];
    const later = [
      ...history,
      ...given(history)
        .when(revise('2026-01', 410_000, 'occasional'))
        .events(),
    ];
    const state = given(later).state;
    expect(standardRemunerationHistory(state).map((e) => [e.effectiveFrom, e.standardMonthlyRemuneration])).toEqual([
      ['2025-04', 300_000],
      ['2025-09', 340_000],
      ['2026-01', 410_000],
    ]);
    expect(gradeInForce(state, '2025-12')?.grade).toBe(24);
    expect(gradeInForce(state, '2025-03')).toBeNull();
    const months = standardRemunerationsForMonths(state, '2026-02', 12);
    expect(months).toHaveLength(11); // 2025-03 precedes the acquisition
    expect(months.reduce((sum, m) => sum + m.standardMonthlyRemuneration, 0)).toBe(
      300_000 * 5 + 340_000 * 4 + 410_000 * 2,
    );
  });

  it('keeps the history in month order when a correction arrives late, one entry per month', () => {
    const history = [
      ...enrolled,
      ...given(enrolled)
        .when(revise('2026-01', 410_000, 'occasional'))
        .events(),
    ];
    const corrected = [...history, ...given(history).when(revise('2025-09', 330_000)).events()];
    const replaced = [
      ...corrected,
      ...given(corrected)
        .when(revise('2025-09', 360_000, 'other'))
        .events(),
    ];
    expect(
      standardRemunerationHistory(given(replaced).state).map((e) => [e.effectiveFrom, e.standardMonthlyRemuneration]),
    ).toEqual([
      ['2025-04', 300_000],
      ['2025-09', 360_000],
      ['2026-01', 410_000],
    ]);
  });

  it('conventions.md 5: the same decision re-sent records nothing', () => {
    const history = [...enrolled, ...given(enrolled).when(revise('2025-09', 330_000)).events()];
    given(history).when(revise('2025-09', 330_000)).then([]);
  });

  it('refuses a month before the acquisition, a malformed month and revisions after the loss', () => {
    given(enrolled).when(revise('2025-03', 330_000)).then(RuleViolation);
    given(enrolled).when(revise('2025-9', 330_000)).then(ValidationError);
    const lost = eventsOf([
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' })),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-12-31' }),
    ]);
    given(lost).when(revise('2026-01', 330_000)).then(RuleViolation);
  });
});
