import { describe, expect, it } from '@jest/globals';
import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { payoutDecider } from './payout.decide.js';
import type { PayoutCommand } from './payout.commands.js';
import type { PayoutEvent } from './payout.events.js';
import {
  account,
  claimId,
  cmd,
  held,
  instruct,
  instructed,
  released,
  schedule,
  scheduled,
  thenError,
  thenEvents,
} from './payout.fixtures.js';
import { given } from './testing.js';

describe('payout decider: scheduling (architecture.md 6, one payout per claim)', () => {
  it('schedules a payout whose id is the claim id', () => {
    thenEvents(given(payoutDecider, []).when(schedule), [scheduled]);
  });
  it('re-sending the same schedule is a no-op', () => {
    thenEvents(given(payoutDecider, [scheduled]).when(schedule), []);
  });
  it('a different schedule for the same claim is a conflict, never a second payout', () => {
    thenError(
      given(payoutDecider, [scheduled]).when({ ...schedule, data: { ...schedule.data, amount: 1 } } as PayoutCommand),
      ConflictError,
      'payout_already_scheduled',
    );
  });
  it('domain.md 8.4: the amount must fit a data record (1 to 9,999,999,999 yen)', () => {
    for (const amount of [0, 1.5, 10_000_000_000]) {
      thenError(
        given(payoutDecider, []).when({ ...schedule, data: { ...schedule.data, amount } } as PayoutCommand),
        ValidationError,
        'validation_failed',
      );
    }
  });
  it('issue 13.2: a payout to an account other than the 公金受取口座 must carry the account fixed at application', () => {
    const { account: _none, ...data } = schedule.data as Extract<PayoutCommand, { type: 'SchedulePayout' }>['data'];
    thenError(given(payoutDecider, []).when(cmd('SchedulePayout', data)), ValidationError, 'validation_failed');
    const publicFunds = { ...data, accountSource: 'public-funds' as const };
    expect(given(payoutDecider, []).when(cmd('SchedulePayout', publicFunds))).toMatchObject({
      events: [{ type: 'PayoutScheduled', data: { accountSource: 'public-funds' } }],
    });
  });
});

describe('payout decider: holds and releases', () => {
  it('holds a due payout; holding again is a no-op', () => {
    const hold = cmd('HoldPayout', { reason: 'no_account', detail: 'no account on the claim', on: '2025-03-07' });
    thenEvents(given(payoutDecider, [scheduled]).when(hold), [held('no_account')]);
    thenEvents(given(payoutDecider, [scheduled, held('no_account')]).when(hold), []);
  });
  it('releases a held payout back to due; releasing a due payout is a no-op', () => {
    const release = cmd('ReleasePayout', { detail: 'account registered', on: '2025-03-10' });
    thenEvents(given(payoutDecider, [scheduled, held('no_account')]).when(release), [released]);
    thenEvents(given(payoutDecider, [scheduled]).when(release), []);
  });
  it('an instructed payout can be neither held nor released', () => {
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1')]).when(
        cmd('HoldPayout', { reason: 'invalid_account', detail: 'x', on: '2025-03-07' }),
      ),
      RuleViolation,
      'payout_not_due',
    );
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1')]).when(
        cmd('ReleasePayout', { detail: 'x', on: '2025-03-07' }),
      ),
      RuleViolation,
      'payout_not_held',
    );
  });
  it('commands on a claim without a payout are refused', () => {
    thenError(given(payoutDecider, []).when(instruct('run-1')), RuleViolation, 'payout_not_scheduled');
  });
});

describe('payout decider: instruction in a run (architecture.md 6, exactly once)', () => {
  it('instructs a due payout with the account used and its record index', () => {
    thenEvents(given(payoutDecider, [scheduled]).when(instruct('run-1')), [instructed('run-1')]);
  });
  it('instructs a released payout', () => {
    thenEvents(given(payoutDecider, [scheduled, held('no_account'), released]).when(instruct('run-1')), [
      instructed('run-1'),
    ]);
  });
  it('re-sending the same run is a no-op; another run is a conflict', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1')]).when(instruct('run-1')), []);
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1')]).when(instruct('run-2')),
      ConflictError,
      'payout_already_instructed',
    );
  });
  it('a held payout is not instructed', () => {
    thenError(
      given(payoutDecider, [scheduled, held('no_account')]).when(instruct('run-1')),
      RuleViolation,
      'payout_held',
    );
  });
  it('a transfer date before the due date is refused', () => {
    thenError(
      given(payoutDecider, [scheduled]).when(instruct('run-1', '2025-03-04')),
      RuleViolation,
      'payout_not_yet_due',
    );
  });
  it('domain.md 8.4: an account whose holder name is not Zengin-convertible is refused', () => {
    const bad = cmd('InstructPayout', {
      runId: 'run-1',
      recordIndex: 0,
      transferDate: '2025-03-07',
      accountSource: 'claim',
      account: { ...account, holderName: '山田' },
    });
    thenError(given(payoutDecider, [scheduled]).when(bad), ValidationError, 'validation_failed');
  });
});

describe('payout decider: bank results (architecture.md 6)', () => {
  const settle = (runId: string) => cmd('SettlePayout', { runId, settledOn: '2025-03-07' });
  const returned = (runId: string) => cmd('ReturnPayout', { runId, reasonCode: '02', returnedOn: '2025-03-08' });
  const settledEvent: PayoutEvent = {
    type: 'PayoutSettled',
    data: { payoutId: claimId, runId: 'run-1', settledOn: '2025-03-07' },
  };
  const returnedEvents: PayoutEvent[] = [
    { type: 'PayoutReturned', data: { payoutId: claimId, runId: 'run-1', reasonCode: '02', returnedOn: '2025-03-08' } },
    held('returned', 'bank return code 02', '2025-03-08'),
  ];

  it('settles an instructed payout; re-sending is a no-op', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1')]).when(settle('run-1')), [settledEvent]);
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1'), settledEvent]).when(settle('run-1')), []);
  });
  it('settle and return need an instruction, in the same run', () => {
    thenError(given(payoutDecider, [scheduled]).when(settle('run-1')), RuleViolation, 'payout_not_instructed');
    thenError(given(payoutDecider, [scheduled]).when(returned('run-1')), RuleViolation, 'payout_not_instructed');
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1')]).when(settle('run-2')),
      ConflictError,
      'run_mismatch',
    );
  });
  it('a returned transfer goes back to held with reason returned; re-sending is a no-op', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1')]).when(returned('run-1')), returnedEvents);
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1'), ...returnedEvents]).when(returned('run-1')), []);
  });
  it('a return reported after the bank first accepted the run is recorded', () => {
    thenEvents(
      given(payoutDecider, [scheduled, instructed('run-1'), settledEvent]).when(returned('run-1')),
      returnedEvents,
    );
  });
  it('after a return and a release the payout goes into a new run; the old run stays a no-op', () => {
    const history = [scheduled, instructed('run-1'), ...returnedEvents, released];
    thenEvents(given(payoutDecider, history).when(instruct('run-2')), [instructed('run-2')]);
    thenEvents(given(payoutDecider, history).when(instruct('run-1')), []);
    thenError(
      given(payoutDecider, [...history, instructed('run-2')]).when(settle('run-1')),
      ConflictError,
      'payout_returned',
    );
  });
});
