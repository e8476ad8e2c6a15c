import { RuleViolation, ValidationError } from '@kenpo/kernel';
import type { Decider } from '@kenpo/kernel';
import type { PayoutScheduleCommand, PayoutScheduleEvent } from './payout-schedule.events.js';

export interface PayoutScheduleState {
  status: 'none' | 'active' | 'paused';
  pattern: string | null;
  tz: string | null;
}

export const initialPayoutScheduleState = (): PayoutScheduleState => ({ status: 'none', pattern: null, tz: null });

export function evolvePayoutSchedule(state: PayoutScheduleState, event: PayoutScheduleEvent): PayoutScheduleState {
  switch (event.type) {
    case 'PayoutScheduleSet':
      // Setting a schedule does not lift a pause: resuming is its own, recorded decision.
      return {
        status: state.status === 'paused' ? 'paused' : 'active',
        pattern: event.data.pattern,
        tz: event.data.tz,
      };
    case 'PayoutSchedulePaused':
      return { ...state, status: 'paused' };
    case 'PayoutScheduleResumed':
      return { ...state, status: 'active' };
  }
}

/** The cron syntax itself is checked by the caller (the domain has no cron parser); here only its shape. */
const FIVE_FIELDS = /^\S+( \S+){4}$/;

function reasonOf(reason: string): string {
  if (reason.trim() === '') throw ValidationError.of('reason', 'required', 'a reason is required');
  return reason.trim();
}

export function decidePayoutSchedule(
  command: PayoutScheduleCommand,
  state: PayoutScheduleState,
): PayoutScheduleEvent[] {
  switch (command.type) {
    case 'SetPayoutSchedule': {
      const { pattern, tz, source } = command.data;
      if (!FIVE_FIELDS.test(pattern))
        throw ValidationError.of(
          'pattern',
          'cron',
          'must be a cron pattern of five fields (minute hour day month weekday)',
        );
      if (state.pattern === pattern && state.tz === tz) return [];
      return [{ type: 'PayoutScheduleSet', data: { pattern, tz, source } }];
    }
    case 'PausePayoutSchedule': {
      if (state.status === 'none') throw RuleViolation.of('schedule', 'schedule_not_set', 'no payout schedule is set');
      const reason = reasonOf(command.data.reason);
      return state.status === 'paused' ? [] : [{ type: 'PayoutSchedulePaused', data: { reason } }];
    }
    case 'ResumePayoutSchedule': {
      if (state.status === 'none') throw RuleViolation.of('schedule', 'schedule_not_set', 'no payout schedule is set');
      const reason = reasonOf(command.data.reason);
      return state.status === 'active' ? [] : [{ type: 'PayoutScheduleResumed', data: { reason } }];
    }
    default: {
      const unknown: never = command;
      throw ValidationError.of(
        'type',
        'unknown_command',
        `unknown schedule command ${(unknown as { type: string }).type}`,
      );
    }
  }
}

export const payoutScheduleDecider: Decider<PayoutScheduleState, PayoutScheduleCommand, PayoutScheduleEvent> = {
  decide: decidePayoutSchedule,
  evolve: evolvePayoutSchedule,
  initialState: initialPayoutScheduleState,
};
