import { businessDate, ConflictError, ValidationError } from '@kenpo/kernel';
import type { Decider } from '@kenpo/kernel';
import type {
  PayoutRunCommand,
  RecordNothingToPay,
  RequestPayoutRun,
  ResumePayoutRun,
  VoidPayoutRun,
} from './payout-run.commands.js';
import type { PayoutRunEvent } from './payout-run.events.js';
import { evolvePayoutRun, initialPayoutRunState, type PayoutRunState } from './payout-run.state.js';

function conflict(rule: string, message: string): ConflictError {
  return new ConflictError(rule, message, [{ field: 'runId', rule, message }]);
}

/** Requested once; the same request again (a retried POST, a re-delivered schedule) is a no-op. */
function request(command: RequestPayoutRun, state: PayoutRunState): PayoutRunEvent[] {
  const { runId, trigger, requestedBy, schedule } = command.data;
  const transferDate = businessDate(command.data.transferDate, 'transferDate');
  if (state.status === 'none') {
    return [
      {
        type: 'PayoutRunRequested',
        data: { runId, trigger, requestedBy, transferDate, ...(schedule ? { schedule } : {}) },
      },
    ];
  }
  if (state.trigger === trigger && state.requestedBy?.id === requestedBy.id) return [];
  throw conflict('run_already_requested', 'this run was requested by someone else');
}

function resume(command: ResumePayoutRun, state: PayoutRunState): PayoutRunEvent[] {
  if (state.status === 'nothing-to-pay' || state.status === 'voided')
    throw conflict('run_finished', `the run is ${state.status}; there is nothing to resume`);
  return [{ type: 'PayoutRunResumed', data: { ...command.data } }];
}

function nothingToPay(command: RecordNothingToPay, state: PayoutRunState): PayoutRunEvent[] {
  if (state.status === 'nothing-to-pay') return [];
  if (state.status === 'voided') throw conflict('run_voided', 'the run was voided');
  return [{ type: 'PayoutRunFoundNothingToPay', data: { ...command.data } }];
}

function voidRun(command: VoidPayoutRun, state: PayoutRunState): PayoutRunEvent[] {
  if (state.status === 'voided') return [];
  if (state.status === 'nothing-to-pay') throw conflict('run_finished', 'the run already ended with nothing to pay');
  const { runId, reason, detail } = command.data;
  if (reason.trim() === '') throw ValidationError.of('reason', 'required', 'a void needs a reason');
  return [{ type: 'PayoutRunVoided', data: { runId, reason, detail, voidedOn: businessDate(command.data.on, 'on') } }];
}

export function decidePayoutRun(command: PayoutRunCommand, state: PayoutRunState): PayoutRunEvent[] {
  switch (command.type) {
    case 'RequestPayoutRun':
      return request(command, state);
    case 'ResumePayoutRun':
      return resume(command, state);
    case 'RecordNothingToPay':
      return nothingToPay(command, state);
    case 'VoidPayoutRun':
      return voidRun(command, state);
    default: {
      const unknown: never = command;
      throw ValidationError.of('type', 'unknown_command', `unknown run command ${(unknown as { type: string }).type}`);
    }
  }
}

export const payoutRunDecider: Decider<PayoutRunState, PayoutRunCommand, PayoutRunEvent> = {
  decide: decidePayoutRun,
  evolve: evolvePayoutRun,
  initialState: initialPayoutRunState,
};
