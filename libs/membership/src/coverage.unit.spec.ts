import { describe, expect, it } from '@jest/globals';
import { fold } from '@kenpo/kernel';
import { coverageEndOf, effectiveCoverage, memberStatusOn, statutoryEndOf } from './coverage.js';
import { memberDecider } from './member.decide.js';
import { coverageOn } from './queries.js';
import { command, dependantData, enrollData, eventsOf } from './testing.js';

const stateOf = (...commands: Parameters<typeof eventsOf>[0]) => fold(memberDecider, eventsOf(commands));

describe('coverage with statutory ends (issue 12.1, architecture.md 11: time is an input)', () => {
  it('domain.md 3.1: the insured loses on the 75th birthday itself, recorded or not; dependants with them (3.3)', () => {
    const state = stateOf(
      command('EnrollMember', enrollData({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' })),
      command('RecognizeDependant', dependantData({ dateOfBirth: '1960-01-01', recognizedFrom: '2025-04-01' })),
    );
    expect(coverageOn(state, 'insured', '2026-06-14').covered).toBe(true);
    expect(coverageOn(state, 'insured', '2026-06-15').covered).toBe(false);
    expect(coverageOn(state, 'd-1', '2026-06-14').covered).toBe(true);
    expect(coverageOn(state, 'd-1', '2026-06-15').covered).toBe(false);
    expect(statutoryEndOf(state, state.dependants[0]!)).toEqual({ date: '2026-06-15', reason: 'insured-age-75' });
    expect(memberStatusOn(state, '2026-06-14')).toBe('active');
    expect(memberStatusOn(state, '2026-06-15')).toBe('lost');
  });

  it("domain.md 3.3: a dependant's own 75th birthday ends only the dependant's coverage", () => {
    const state = stateOf(
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' })),
      command(
        'RecognizeDependant',
        dependantData({ relationship: 'parent', dateOfBirth: '1951-02-28', recognizedFrom: '2025-04-01' }),
      ),
    );
    expect(effectiveCoverage(state, state.dependants[0]!)).toEqual([{ from: '2025-04-01', until: '2026-02-28' }]);
    expect(coverageOn(state, 'insured', '2026-02-28').covered).toBe(true);
  });

  it('domain.md 3.2: voluntary continuation covers 2 years at most, the employed period stays as recorded', () => {
    const state = stateOf(
      command('EnrollMember', enrollData({ acquisitionDate: '2023-04-01' })),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2024-03-31' }),
      command('StartVoluntaryContinuation', { applicationDate: '2024-04-05' }),
    );
    expect(effectiveCoverage(state, state.insured!)).toEqual([
      { from: '2023-04-01', until: '2024-04-01' },
      { from: '2024-04-01', until: '2026-04-01' },
    ]);
    expect(coverageEndOf(state, state.insured!)).toBe('2026-04-01');
    expect(memberStatusOn(state, '2026-03-31')).toBe('voluntary-continuation');
    expect(memberStatusOn(state, '2026-04-01')).toBe('lost');
  });

  it('a recorded loss before the statutory end stays the end; a period starting after it disappears', () => {
    const state = stateOf(
      command('EnrollMember', enrollData({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' })),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-12-31' }),
    );
    expect(effectiveCoverage(state, state.insured!)).toEqual([{ from: '2025-04-01', until: '2026-01-01' }]);
  });
});
