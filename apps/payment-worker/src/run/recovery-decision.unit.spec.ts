import { describe, expect, it } from '@jest/globals';
import { businessDate } from '@kenpo/kernel';
import { type OpenRun, recoveryAction } from './recovery-decision.js';

const today = businessDate('2025-03-07');
const run = (over: Partial<OpenRun>): OpenRun => ({
  transferDate: today,
  planned: true,
  everyPayoutInstructed: false,
  jobPending: false,
  ...over,
});

describe('recovery of unfinished payout runs (issue 18, architecture.md 11)', () => {
  it('a recorded plan whose transfer date can still be met is resumed, at start-up and before planning', () => {
    expect(recoveryAction(run({}), today, 'start-up')).toEqual({ kind: 'resume' });
    expect(recoveryAction(run({}), today, 'planning')).toEqual({ kind: 'resume' });
    expect(recoveryAction(run({ jobPending: true }), today, 'start-up')).toEqual({ kind: 'resume' });
  });
  it('past its transfer date the plan is voided, unless every payout is already instructed (then it is final)', () => {
    const yesterday = businessDate('2025-03-06');
    expect(recoveryAction(run({ transferDate: yesterday }), today, 'planning')).toMatchObject({
      kind: 'void',
      reason: 'transfer_date_passed',
    });
    expect(recoveryAction(run({ transferDate: yesterday, everyPayoutInstructed: true }), today, 'start-up')).toEqual({
      kind: 'resume',
    });
  });
  it('a run requested but never planned is queued again at start-up when its job was lost, voided when too late', () => {
    const requested = run({ planned: false });
    expect(recoveryAction(requested, today, 'start-up')).toEqual({ kind: 'requeue' });
    expect(recoveryAction({ ...requested, jobPending: true }, today, 'start-up')).toEqual({ kind: 'leave' });
    expect(recoveryAction(requested, today, 'planning')).toEqual({ kind: 'leave' });
    expect(recoveryAction({ ...requested, transferDate: businessDate('2025-03-06') }, today, 'start-up')).toMatchObject(
      {
        kind: 'void',
      },
    );
  });
});
