import { assertNoViolations, businessDate, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { Decider, Violation } from '@kenpo/kernel';
import type {
  HoldPayout,
  PayoutCommand,
  ReleasePayout,
  ReplacePayoutAccount,
  ReturnPayout,
  SchedulePayout,
  SettlePayout,
} from './payout.commands.js';
import { checkPayoutAccount } from './payout-account.js';
import { conflict, requireScheduled } from './payout-rules.js';
import { instruct, settleByOffset, voidInstruction } from './payout-instruction.js';
import type { PayoutAccount, PayoutEvent } from './payout.events.js';
import { evolvePayout, initialPayoutState } from './payout.state.js';
import type { PayoutState } from './payout.state.js';
import { MAX_RECORD_AMOUNT } from './zengin/build-transfer-file.js';

function schedule(command: SchedulePayout, state: PayoutState): PayoutEvent[] {
  const { claimId, memberId, amount, accountSource, account, claimAccount, payee, payeeKey, pending } = command.data;
  const dueDate = businessDate(command.data.dueDate, 'dueDate');
  if (state.status !== 'none') {
    // One payout per claim: the same schedule re-sent is a no-op; a different one is a conflict, never a second payout.
    if (state.claimId === claimId && state.memberId === memberId && state.amount === amount) return [];
    throw conflict('claimId', 'payout_already_scheduled', 'a different payout is already scheduled for this claim');
  }
  const violations: Violation[] = [];
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_RECORD_AMOUNT) {
    violations.push({
      field: 'amount',
      rule: 'amount_range',
      message: `amount must be a whole number of yen from 1 to ${MAX_RECORD_AMOUNT} (domain.md 8.4)`,
    });
  }
  if (!pending && accountSource !== 'public-funds' && !account && !claimAccount) {
    violations.push({
      field: 'account',
      rule: 'required',
      message: `the account is required when accountSource is ${accountSource}`,
    });
  }
  assertNoViolations(violations);
  const scheduled: PayoutEvent = {
    type: 'PayoutScheduled',
    data: {
      payoutId: claimId,
      claimId,
      memberId,
      amount,
      accountSource,
      dueDate,
      ...(account ? { account } : {}),
      ...(claimAccount ? { claimAccount } : {}),
      ...(payee ? { payee } : {}),
      ...(payeeKey ? { payeeKey } : {}),
      ...(pending ? { pending } : {}),
    },
  };
  if (!pending) return [scheduled];
  // No account could be fixed at application: the payout waits, with the claim's reason, for a clerk's account.
  const held: PayoutEvent = {
    type: 'PayoutHeld',
    data: { payoutId: claimId, reason: pending.reason, detail: pending.detail, heldOn: dueDate },
  };
  return [scheduled, held];
}

/** A clerk gives the account of a held payout: recorded with the reason, and the payout is due again with it. */
function replaceAccount(command: ReplacePayoutAccount, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  if (state.status !== 'held')
    throw RuleViolation.of(
      'status',
      'payout_not_held',
      `only a held payout's account can be replaced (it is ${state.status})`,
    );
  const checked = checkPayoutAccount(command.data.account);
  if ('violations' in checked) assertNoViolations(checked.violations);
  const reason = command.data.reason.trim();
  if (reason === '') throw ValidationError.of('reason', 'required', 'a reason is required');
  const on = businessDate(command.data.on, 'on');
  const { account } = checked as { account: PayoutAccount };
  return [
    {
      type: 'PayoutAccountReplaced',
      data: { payoutId: state.payoutId, account, previousSource: state.accountSource, reason, replacedOn: on },
    },
    { type: 'PayoutReleased', data: { payoutId: state.payoutId, detail: 'account given by a clerk', releasedOn: on } },
  ];
}

function hold(command: HoldPayout, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  if (state.status === 'held') return [];
  if (state.status !== 'due')
    throw RuleViolation.of('status', 'payout_not_due', `a ${state.status} payout cannot be held`);
  const { reason, detail } = command.data;
  return [
    {
      type: 'PayoutHeld',
      data: { payoutId: state.payoutId, reason, detail, heldOn: businessDate(command.data.on, 'on') },
    },
  ];
}

function release(command: ReleasePayout, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  if (state.status === 'due') return [];
  if (state.status !== 'held')
    throw RuleViolation.of('status', 'payout_not_held', `a ${state.status} payout cannot be released`);
  return [
    {
      type: 'PayoutReleased',
      data: { payoutId: state.payoutId, detail: command.data.detail, releasedOn: businessDate(command.data.on, 'on') },
    },
  ];
}

/** A bank result must name the run the payout is currently instructed in. */
function requireRun(state: PayoutState, runId: string): void {
  if (state.status !== 'instructed' && state.status !== 'settled') {
    throw RuleViolation.of('status', 'payout_not_instructed', `a ${state.status} payout has no bank result to record`);
  }
  if (state.runId !== runId) throw conflict('runId', 'run_mismatch', 'the payout is instructed in another run');
}

function settle(command: SettlePayout, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  const { runId } = command.data;
  if (state.status === 'settled' && state.runId === runId) return [];
  if (state.returnedRunIds.includes(runId))
    throw conflict('runId', 'payout_returned', "the bank returned this run's transfer");
  requireRun(state, runId);
  return [
    {
      type: 'PayoutSettled',
      data: { payoutId: state.payoutId, runId, settledOn: businessDate(command.data.settledOn, 'settledOn') },
    },
  ];
}

/**
 * A returned transfer goes back to held (architecture.md 6). Also accepted after a settlement of the same run:
 * banks report some 不能 returns after first accepting the file.
 */
function returnPayout(command: ReturnPayout, state: PayoutState): PayoutEvent[] {
  requireScheduled(state);
  const { runId, reasonCode } = command.data;
  if (state.returnedRunIds.includes(runId)) return [];
  requireRun(state, runId);
  if (reasonCode.trim() === '') throw ValidationError.of('reasonCode', 'required', 'reasonCode is required');
  const returnedOn = businessDate(command.data.returnedOn, 'returnedOn');
  return [
    { type: 'PayoutReturned', data: { payoutId: state.payoutId, runId, reasonCode, returnedOn } },
    {
      type: 'PayoutHeld',
      data: {
        payoutId: state.payoutId,
        reason: 'returned',
        detail: `bank return code ${reasonCode}`,
        heldOn: returnedOn,
      },
    },
  ];
}

export function decidePayout(command: PayoutCommand, state: PayoutState): PayoutEvent[] {
  switch (command.type) {
    case 'SchedulePayout':
      return schedule(command, state);
    case 'HoldPayout':
      return hold(command, state);
    case 'ReplacePayoutAccount':
      return replaceAccount(command, state);
    case 'ReleasePayout':
      return release(command, state);
    case 'InstructPayout':
      return instruct(command, state);
    case 'SettlePayoutByOffset':
      return settleByOffset(command, state);
    case 'VoidPayoutInstruction':
      return voidInstruction(command, state);
    case 'SettlePayout':
      return settle(command, state);
    case 'ReturnPayout':
      return returnPayout(command, state);
    default: {
      const unknown: never = command;
      throw ValidationError.of(
        'type',
        'unknown_command',
        `unknown payout command ${(unknown as { type: string }).type}`,
      );
    }
  }
}

export const payoutDecider: Decider<PayoutState, PayoutCommand, PayoutEvent> = {
  decide: decidePayout,
  evolve: evolvePayout,
  initialState: initialPayoutState,
};
