import { describe, expect, it } from '@jest/globals';
import type { DomainError } from '@kenpo/kernel';
import type { PayoutScheduleCommand, PayoutScheduleEvent } from './payout-schedule.events.js';
import { payoutScheduleDecider } from './payout-schedule.decide.js';
import { given, metadata } from './testing.js';

const set = (pattern: string): PayoutScheduleCommand => ({
  type: 'SetPayoutSchedule',
  data: { pattern, tz: 'Asia/Tokyo', source: 'operator' },
  metadata: metadata(),
});
const pause: PayoutScheduleCommand = {
  type: 'PausePayoutSchedule',
  data: { reason: 'bank holiday' },
  metadata: metadata(),
};
const resume: PayoutScheduleCommand = { type: 'ResumePayoutSchedule', data: { reason: 'back' }, metadata: metadata() };
const setEvent: PayoutScheduleEvent = {
  type: 'PayoutScheduleSet',
  data: { pattern: '0 9 * * 1-5', tz: 'Asia/Tokyo', source: 'operator' },
};
const paused: PayoutScheduleEvent = { type: 'PayoutSchedulePaused', data: { reason: 'bank holiday' } };
const code = (outcome: unknown) => (outcome as { error: DomainError }).error.code;

describe('payout schedule (issue 13.8: changes are recorded events)', () => {
  it('sets a pattern; the same pattern again is a no-op; a bad shape is refused', () => {
    expect(given(payoutScheduleDecider, []).when(set('0 9 * * 1-5'))).toEqual({ events: [setEvent] });
    expect(given(payoutScheduleDecider, [setEvent]).when(set('0 9 * * 1-5'))).toEqual({ events: [] });
    expect(code(given(payoutScheduleDecider, []).when(set('every morning')))).toBe('validation_failed');
  });
  it('pauses and resumes with a reason; a reschedule keeps the pause', () => {
    expect(given(payoutScheduleDecider, [setEvent]).when(pause)).toEqual({ events: [paused] });
    expect(given(payoutScheduleDecider, [setEvent, paused]).when(pause)).toEqual({ events: [] });
    const rescheduled = given(payoutScheduleDecider, [setEvent, paused]).when(set('30 10 * * 1-5'));
    const history = [setEvent, paused, ...(rescheduled as { events: PayoutScheduleEvent[] }).events];
    expect(given(payoutScheduleDecider, history).when(resume)).toMatchObject({
      events: [{ type: 'PayoutScheduleResumed' }],
    });
    expect(code(given(payoutScheduleDecider, []).when(pause))).toBe('schedule_not_set');
    expect(
      code(given(payoutScheduleDecider, [setEvent]).when({ ...pause, data: { reason: ' ' } } as PayoutScheduleCommand)),
    ).toBe('validation_failed');
  });
});
