import { describe, expect, it } from '@jest/globals';
import { ConflictError, RuleViolation, ValidationError } from '@kenpo/kernel';
import type { DomainError } from '@kenpo/kernel';
import type { PayoutCommand } from './payout.commands.js';
import { payoutDecider } from './payout.decide.js';
import type { PayoutAccount, PayoutEvent } from './payout.events.js';
import { given, metadata } from './testing.js';
import type { DeciderOutcome } from './testing.js';

const claimId = '01956e3a-1111-7000-8000-000000000001';
const account: PayoutAccount = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 'ordinary',
  accountNumber: '1234567',
  holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};

const cmd = <T extends PayoutCommand['type']>(type: T, data: Extract<PayoutCommand, { type: T }>['data']) =>
  ({ type, data, metadata: metadata() }) as PayoutCommand;

const schedule = cmd('SchedulePayout', {
  claimId,
  memberId: 'm-1',
  amount: 98_765,
  accountSource: 'claim',
  account,
  dueDate: '2025-03-05',
});
const scheduled: PayoutEvent = {
  type: 'PayoutScheduled',
  data: {
    payoutId: claimId,
    claimId,
    memberId: 'm-1',
    amount: 98_765,
    accountSource: 'claim',
    account,
    dueDate: '2025-03-05',
  },
};
const instruct = (runId: string, transferDate = '2025-03-07') =>
  cmd('InstructPayout', { runId, recordIndex: 0, transferDate, accountSource: 'claim', account });
const instructed = (runId: string): PayoutEvent => ({
  type: 'PayoutInstructed',
  data: {
    payoutId: claimId,
    runId,
    recordIndex: 0,
    amount: 98_765,
    transferDate: '2025-03-07',
    accountSource: 'claim',
    account,
  },
});
const held = (
  reason: 'no_account' | 'invalid_account' | 'returned',
  detail = 'no account on the claim',
  heldOn = '2025-03-07',
): PayoutEvent => ({ type: 'PayoutHeld', data: { payoutId: claimId, reason, detail, heldOn } });
const released: PayoutEvent = {
  type: 'PayoutReleased',
  data: { payoutId: claimId, detail: 'account registered', releasedOn: '2025-03-10' },
};

function thenEvents(outcome: DeciderOutcome<PayoutEvent>, events: PayoutEvent[]): void {
  expect(outcome).toEqual({ events });
}
function thenError(
  outcome: DeciderOutcome<PayoutEvent>,
  kind: abstract new (...args: never[]) => DomainError,
  code: string,
): void {
  expect('error' in outcome).toBe(true);
  const { error } = outcome as { error: DomainError };
  expect(error).toBeInstanceOf(kind);
  expect(error.code).toBe(code);
}

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

describe('payout decider: pending claims and accounts given by clerks (issue 13.2, 13.4)', () => {
  const pendingSchedule = cmd('SchedulePayout', {
    claimId,
    memberId: 'm-1',
    amount: 98_765,
    accountSource: 'claim',
    pending: { reason: 'no_payment_preference', detail: 'no preference for automatic benefits' },
    dueDate: '2025-03-05',
  });
  const replace = (over: Partial<{ reason: string; accountNumber: string }> = {}) =>
    cmd('ReplacePayoutAccount', {
      account: { ...account, accountNumber: over.accountNumber ?? '7777777', holderName: 'ヤマダ ハナコ' },
      reason: over.reason ?? 'the heir gave her account',
      on: '2025-03-10',
    });

  it('a claim without a fixed account schedules its payout held, with the claim’s reason', () => {
    expect(given(payoutDecider, []).when(pendingSchedule)).toMatchObject({
      events: [
        { type: 'PayoutScheduled', data: { pending: { reason: 'no_payment_preference' } } },
        { type: 'PayoutHeld', data: { reason: 'no_payment_preference', heldOn: '2025-03-05' } },
      ],
    });
  });
  it('a clerk replaces the account of a held payout, with a reason, which releases it; the account is then the one paid', () => {
    const history = (given(payoutDecider, []).when(pendingSchedule) as { events: PayoutEvent[] }).events;
    const outcome = given(payoutDecider, history).when(replace());
    expect(outcome).toMatchObject({
      events: [
        {
          type: 'PayoutAccountReplaced',
          data: { account: { accountNumber: '7777777', holderName: 'ﾔﾏﾀﾞ ﾊﾅｺ' }, reason: 'the heir gave her account' },
        },
        { type: 'PayoutReleased', data: { releasedOn: '2025-03-10' } },
      ],
    });
    const after = [...history, ...(outcome as { events: PayoutEvent[] }).events];
    expect(given(payoutDecider, after).when(instruct('run-1'))).toMatchObject({
      events: [{ type: 'PayoutInstructed' }],
    });
  });
  it('a due or instructed payout keeps its account; a bad account or a missing reason is refused naming the field', () => {
    thenError(given(payoutDecider, [scheduled]).when(replace()), RuleViolation, 'payout_not_held');
    const history = [scheduled, held('no_account')];
    const bad = given(payoutDecider, history).when(replace({ accountNumber: '12345678' }));
    expect((bad as { error: ValidationError }).error.violations[0]!.field).toBe('account.accountNumber');
    thenError(given(payoutDecider, history).when(replace({ reason: ' ' })), ValidationError, 'validation_failed');
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

describe('payout decider: a voided run releases its payouts (issue 18)', () => {
  const voidRun = (runId: string) => cmd('VoidPayoutInstruction', { runId, reason: 'transfer_date_passed' });
  const voidedEvent = (runId: string, wasInstructed: boolean): PayoutEvent => ({
    type: 'PayoutInstructionVoided',
    data: { payoutId: claimId, runId, reason: 'transfer_date_passed', wasInstructed },
  });

  it('an instruction of the voided run is undone: the payout is due again and goes into the next run', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-1')]).when(voidRun('run-1')), [
      voidedEvent('run-1', true),
    ]);
    const history = [scheduled, instructed('run-1'), voidedEvent('run-1', true)];
    thenEvents(given(payoutDecider, history).when(voidRun('run-1')), []);
    thenEvents(given(payoutDecider, history).when(instruct('run-2')), [instructed('run-2')]);
  });
  it('a payout the run had not instructed yet refuses that run from now on', () => {
    thenEvents(given(payoutDecider, [scheduled]).when(voidRun('run-1')), [voidedEvent('run-1', false)]);
    thenError(
      given(payoutDecider, [scheduled, voidedEvent('run-1', false)]).when(instruct('run-1')),
      ConflictError,
      'run_voided',
    );
    thenError(
      given(payoutDecider, [scheduled, instructed('run-1'), voidedEvent('run-1', true)]).when(instruct('run-1')),
      ConflictError,
      'run_voided',
    );
  });
  it('voiding another run leaves an instruction in place', () => {
    thenEvents(given(payoutDecider, [scheduled, instructed('run-2')]).when(voidRun('run-1')), [
      voidedEvent('run-1', false),
    ]);
    expect(
      given(payoutDecider, [scheduled, instructed('run-2'), voidedEvent('run-1', false)]).when(instruct('run-2')),
    ).toEqual({ events: [] });
  });
});

describe('payout decider: recoveries kept back (issue 13.6)', () => {
  const offsets = [{ recoveryId: 'r-1', amount: 8_765 }];
  it('an instruction with offsets transfers the rest and records what was kept back', () => {
    expect(
      given(payoutDecider, [scheduled]).when(
        cmd('InstructPayout', {
          runId: 'run-1',
          recordIndex: 0,
          transferDate: '2025-03-07',
          accountSource: 'claim',
          account,
          offsets,
        }),
      ),
    ).toMatchObject({ events: [{ type: 'PayoutInstructed', data: { amount: 90_000, offsets } }] });
  });
  it('offsets taking the whole payout settle it without a transfer; a voided run undoes that too', () => {
    const whole = [{ recoveryId: 'r-1', amount: 98_765 }];
    const settle = cmd('SettlePayoutByOffset', { runId: 'run-1', transferDate: '2025-03-07', offsets: whole });
    const outcome = given(payoutDecider, [scheduled]).when(settle);
    expect(outcome).toMatchObject({
      events: [{ type: 'PayoutSettledByOffset', data: { runId: 'run-1', offsets: whole } }],
    });
    const history = [scheduled, ...(outcome as { events: PayoutEvent[] }).events];
    expect(given(payoutDecider, history).when(settle)).toEqual({ events: [] });
    expect(
      given(payoutDecider, history).when(cmd('VoidPayoutInstruction', { runId: 'run-1', reason: 'x' })),
    ).toMatchObject({
      events: [{ type: 'PayoutInstructionVoided', data: { wasInstructed: true } }],
    });
    thenError(
      given(payoutDecider, [scheduled]).when(
        cmd('InstructPayout', {
          runId: 'run-1',
          recordIndex: 0,
          transferDate: '2025-03-07',
          accountSource: 'claim',
          account,
          offsets: whole,
        }),
      ),
      RuleViolation,
      'nothing_to_transfer',
    );
    thenError(
      given(payoutDecider, [scheduled]).when(
        cmd('SettlePayoutByOffset', { runId: 'run-1', transferDate: '2025-03-07', offsets }),
      ),
      RuleViolation,
      'offsets_not_whole',
    );
  });
});
