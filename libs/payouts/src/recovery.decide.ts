import { businessDate, NotFoundError, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { Decider } from '@kenpo/kernel';
import type {
  ApplyRecoveryOffsets,
  RecordRecoveryRepayment,
  RecoveryCommand,
  RecoveryEvent,
  ReverseRecoveryOffsets,
} from './recovery.events.js';

export interface RecoveryState {
  status: 'none' | 'open';
  recoveryId: string;
  memberId: string;
  payeeKey: string;
  amount: number;
  /** Offsets in force by `<runId>:<payoutId>` (a reversed one is removed). */
  offsets: Record<string, { runId: string; payoutId: string; amount: number }>;
  repaid: number;
}

export const initialRecoveryState = (): RecoveryState => ({
  status: 'none',
  recoveryId: '',
  memberId: '',
  payeeKey: '',
  amount: 0,
  offsets: {},
  repaid: 0,
});

const offsetKey = (runId: string, payoutId: string) => `${runId}:${payoutId}`;

/** What is still owed; negative only if a repayment arrived between a run's plan and its offset (a refund is due). */
export function outstandingOf(state: RecoveryState): number {
  return state.amount - state.repaid - Object.values(state.offsets).reduce((sum, o) => sum + o.amount, 0);
}

export function evolveRecovery(state: RecoveryState, event: RecoveryEvent): RecoveryState {
  switch (event.type) {
    case 'RecoveryOpened': {
      const { recoveryId, memberId, payeeKey, amount } = event.data;
      return { ...state, status: 'open', recoveryId, memberId, payeeKey, amount };
    }
    case 'RecoveryOffset': {
      const { runId, payoutId, amount } = event.data;
      return { ...state, offsets: { ...state.offsets, [offsetKey(runId, payoutId)]: { runId, payoutId, amount } } };
    }
    case 'RecoveryOffsetReversed': {
      const { [offsetKey(event.data.runId, event.data.payoutId)]: _reversed, ...offsets } = state.offsets;
      return { ...state, offsets };
    }
    case 'RecoveryRepaid':
      return { ...state, repaid: state.repaid + event.data.amount };
  }
}

function requireOpen(state: RecoveryState): void {
  if (state.status === 'none')
    throw new NotFoundError('recovery_not_found', 'no recovery with this id', [
      { field: 'recoveryId', rule: 'exists', message: 'no recovery with this id' },
    ]);
}

/** A run's offsets as planned; pairs already recorded (a resumed run) are skipped. */
function applyOffsets(command: ApplyRecoveryOffsets, state: RecoveryState): RecoveryEvent[] {
  requireOpen(state);
  const { runId } = command.data;
  return command.data.offsets
    .filter(({ payoutId }) => state.offsets[offsetKey(runId, payoutId)] === undefined)
    .map(({ payoutId, amount }) => {
      if (!Number.isSafeInteger(amount) || amount < 1)
        throw ValidationError.of('offsets.amount', 'positive_yen', 'an offset is a positive whole number of yen');
      return {
        type: 'RecoveryOffset',
        data: { recoveryId: state.recoveryId, memberId: state.memberId, runId, payoutId, amount },
      };
    });
}

function reverseOffsets(command: ReverseRecoveryOffsets, state: RecoveryState): RecoveryEvent[] {
  requireOpen(state);
  const { runId } = command.data;
  return Object.values(state.offsets)
    .filter((o) => o.runId === runId)
    .map((o) => ({
      type: 'RecoveryOffsetReversed',
      data: { recoveryId: state.recoveryId, memberId: state.memberId, ...o },
    }));
}

function repay(command: RecordRecoveryRepayment, state: RecoveryState): RecoveryEvent[] {
  requireOpen(state);
  const { amount, note } = command.data;
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw ValidationError.of('amount', 'positive_yen', 'must be a positive whole number of yen');
  const outstanding = outstandingOf(state);
  if (amount > outstanding)
    throw RuleViolation.of('amount', 'within_outstanding', `at most ${Math.max(outstanding, 0)} yen is outstanding`);
  const receivedOn = businessDate(command.data.receivedOn, 'receivedOn');
  return [
    {
      type: 'RecoveryRepaid',
      data: { recoveryId: state.recoveryId, memberId: state.memberId, amount, receivedOn, note },
    },
  ];
}

export function decideRecovery(command: RecoveryCommand, state: RecoveryState): RecoveryEvent[] {
  switch (command.type) {
    case 'OpenRecovery':
      // Opened once, from the claim's record: a re-delivered event opens nothing more.
      return state.status === 'none' ? [{ type: 'RecoveryOpened', data: { ...command.data } }] : [];
    case 'ApplyRecoveryOffsets':
      return applyOffsets(command, state);
    case 'ReverseRecoveryOffsets':
      return reverseOffsets(command, state);
    case 'RecordRecoveryRepayment':
      return repay(command, state);
    default: {
      const unknown: never = command;
      throw ValidationError.of(
        'type',
        'unknown_command',
        `unknown recovery command ${(unknown as { type: string }).type}`,
      );
    }
  }
}

export const recoveryDecider: Decider<RecoveryState, RecoveryCommand, RecoveryEvent> = {
  decide: decideRecovery,
  evolve: evolveRecovery,
  initialState: initialRecoveryState,
};
