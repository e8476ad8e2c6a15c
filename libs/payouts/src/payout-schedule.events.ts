import type { Command, Event } from '@kenpo/kernel';

/**
 * Stream `payout-schedule`: when payout runs start by themselves (a cron pattern in Japan time). Changed only
 * through the API, so every pause, resume and reschedule has an actor and a reason (issue 13.8); the worker
 * applies the recorded schedule to the queue and refuses scheduled jobs it does not match.
 */
export type PayoutScheduleSet = Event<
  'PayoutScheduleSet',
  { pattern: string; tz: string; source: 'configuration' | 'operator' }
>;
export type PayoutSchedulePaused = Event<'PayoutSchedulePaused', { reason: string }>;
export type PayoutScheduleResumed = Event<'PayoutScheduleResumed', { reason: string }>;
export type PayoutScheduleEvent = PayoutScheduleSet | PayoutSchedulePaused | PayoutScheduleResumed;

export type SetPayoutSchedule = Command<'SetPayoutSchedule', PayoutScheduleSet['data']>;
export type PausePayoutSchedule = Command<'PausePayoutSchedule', { reason: string }>;
export type ResumePayoutSchedule = Command<'ResumePayoutSchedule', { reason: string }>;
export type PayoutScheduleCommand = SetPayoutSchedule | PausePayoutSchedule | ResumePayoutSchedule;

export const PAYOUT_SCHEDULE_STREAM = 'payout-schedule';
