import { assertNoViolations, businessDate, compareDates, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { BusinessDate } from '@kenpo/kernel';
import type { InstructPayout, SettlePayoutByOffset, VoidPayoutInstruction } from './payout.commands.js';
import { checkPayoutAccount } from './payout-account.js';
import { conflict, requireScheduled } from './payout-rules.js';
import type { PayoutEvent, PayoutOffsetLine } from './payout.events.js';
import type { PayoutState } from './payout.state.js';

/**
 * Whether run `runId` may pay the payout: [] when it already did (a retried run re-sends, architecture.md 6), a
 * refusal when another run has it, the run was voided, the payout is held or not yet due; null when it may.
 */
function alreadyOrRefused(state: PayoutState, runId: string, transferDate: BusinessDate): PayoutEvent[] | null {
  requireScheduled(state);
  if (state.voidedRunIds.includes(runId))
    throw conflict('runId', 'run_voided', 'the run was voided: its instructions are refused');
  if (state.runIds.includes(runId)) return [];
  if (state.status === 'instructed' || state.status === 'settled')
    throw conflict('runId', 'payout_already_instructed', `the payout is already ${state.status} in another run`);
  if (state.status === 'held')
    throw RuleViolation.of('status', 'payout_held', 'a held payout must be released before it is instructed');
  if (compareDates(transferDate, state.dueDate as BusinessDate) < 0)
    throw RuleViolation.of('transferDate', 'payout_not_yet_due', 'the transfer date is before the payout is due');
  return null;
}

/** The recoveries kept back: positive yen, together at most the payout's amount. */
function offsetTotal(offsets: readonly PayoutOffsetLine[], state: PayoutState): number {
  let total = 0;
  for (const { amount } of offsets) {
    if (!Number.isSafeInteger(amount) || amount < 1)
      throw ValidationError.of('offsets.amount', 'positive_yen', 'an offset is a positive whole number of yen');
    total += amount;
  }
  if (total > state.amount)
    throw RuleViolation.of('offsets', 'offsets_exceed_amount', 'offsets cannot exceed the payout amount');
  return total;
}

export function instruct(command: InstructPayout, state: PayoutState): PayoutEvent[] {
  const { runId, recordIndex, accountSource, offsets = [] } = command.data;
  const transferDate = businessDate(command.data.transferDate, 'transferDate');
  const decided = alreadyOrRefused(state, runId, transferDate);
  if (decided) return decided;
  if (!Number.isSafeInteger(recordIndex) || recordIndex < 0)
    throw ValidationError.of('recordIndex', 'index', 'recordIndex must be a whole number from 0');
  const amount = state.amount - offsetTotal(offsets, state);
  if (amount < 1)
    throw RuleViolation.of('offsets', 'nothing_to_transfer', 'a payout taken wholly by offsets is settled by them');
  const checked = checkPayoutAccount(command.data.account);
  if ('violations' in checked) {
    assertNoViolations(checked.violations);
    return [];
  }
  return [
    {
      type: 'PayoutInstructed',
      data: {
        payoutId: state.payoutId,
        runId,
        recordIndex,
        amount,
        transferDate,
        accountSource,
        account: checked.account,
        ...(offsets.length > 0 ? { offsets } : {}),
      },
    },
  ];
}

export function settleByOffset(command: SettlePayoutByOffset, state: PayoutState): PayoutEvent[] {
  const { runId, offsets } = command.data;
  const transferDate = businessDate(command.data.transferDate, 'transferDate');
  const decided = alreadyOrRefused(state, runId, transferDate);
  if (decided) return decided;
  if (offsetTotal(offsets, state) !== state.amount)
    throw RuleViolation.of('offsets', 'offsets_not_whole', 'settling by offsets takes the whole payout amount');
  return [
    { type: 'PayoutSettledByOffset', data: { payoutId: state.payoutId, runId, offsets, settledOn: transferDate } },
  ];
}

export function voidInstruction(command: VoidPayoutInstruction, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  const { runId, reason } = command.data;
  if (state.voidedRunIds.includes(runId)) return [];
  const inRun = state.runId === runId;
  const wasInstructed =
    inRun && (state.status === 'instructed' || (state.status === 'settled' && state.settledByOffset));
  // Bank results are refused for an unfinished run, so a payout of a voidable run is never settled by the bank.
  if (inRun && !wasInstructed)
    throw conflict('runId', 'run_has_bank_result', `the payout is already ${state.status} by this run`);
  return [{ type: 'PayoutInstructionVoided', data: { payoutId: state.payoutId, runId, reason, wasInstructed } }];
}
