import { describe, expect, it } from '@jest/globals';
import { fold } from '@kenpo/kernel';
import { memberDecider } from '../member.decide.js';
import type { MemberCommand } from '../member.commands.js';
import { defaultMembershipSettings } from '../membership-settings.js';
import { command, dependantData, enrollData, eventsOf } from '../testing.js';
import { dueLifecycleActions, elderlyRecipientFrom } from './lifecycle-rules.js';

const settings = defaultMembershipSettings;
const at = (date: string) => `${date}T01:00:00.000Z`;
const stateOf = (commands: MemberCommand[]) => fold(memberDecider, eventsOf(commands));
const rulesOn = (commands: MemberCommand[], on: string) =>
  dueLifecycleActions(stateOf(commands), on, settings).map((a) => [a.rule, a.personId, a.effectiveDate]);

/** Applies the due actions the way the run does (one at a time, asking again after each) and returns the events. */
function run(commands: MemberCommand[], on: string) {
  let state = stateOf(commands);
  const recorded: string[] = [];
  for (let i = 0; i < 20; i++) {
    const [action] = dueLifecycleActions(state, on, settings);
    if (!action) return { state, recorded };
    const events = memberDecider.decide(command(action.command.type, action.command.data as never, at(on)), state);
    recorded.push(...events.map((e) => e.type));
    state = events.reduce(memberDecider.evolve, state);
  }
  throw new Error('the run did not settle');
}

describe('lifecycle rules (issue 12.2): what each date brings, before, on and after it', () => {
  const old = [
    command('EnrollMember', enrollData({ dateOfBirth: '1951-06-15', acquisitionDate: '2025-04-01' }), at('2025-04-01')),
  ];

  it('domain.md 3.1: the loss at 75 is due on the birthday, not the day before; once recorded nothing is due', () => {
    expect(rulesOn(old, '2026-06-14').filter(([rule]) => rule === 'insured-age-75')).toEqual([]);
    expect(rulesOn(old, '2026-06-15')).toEqual([['insured-age-75', 'insured', '2026-06-15']]);
    const { state, recorded } = run(old, '2026-12-01');
    expect(recorded).toContain('MemberEligibilityLost');
    expect(state.loss).toEqual({ reason: 'age-75', lossDate: '2026-06-15' });
    expect(dueLifecycleActions(state, '2026-12-01', settings)).toEqual([]);
  });

  it("domain.md 3.3: a dependant's 75th birthday removes the dependant only", () => {
    const commands = [
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' }), at('2025-04-01')),
      command(
        'RecognizeDependant',
        dependantData({
          relationship: 'parent',
          dateOfBirth: '1951-08-20',
          recognizedFrom: '2025-04-01',
          insuredAnnualIncome: 4_800_000,
        }),
        at('2025-04-01'),
      ),
    ];
    expect(rulesOn(commands, '2026-08-19').map(([rule]) => rule)).not.toContain('dependant-age-75');
    expect(rulesOn(commands, '2026-08-20')).toContainEqual(['dependant-age-75', 'd-1', '2026-08-20']);
    const { state } = run(commands, '2026-08-20');
    expect(state.dependants[0]!.removal).toEqual({ reason: 'age-75', lossDate: '2026-08-20' });
    expect(state.status).toBe('active');
  });

  it('domain.md 3.2: voluntary continuation ends after 2 years', () => {
    const commands = [
      command('EnrollMember', enrollData({ acquisitionDate: '2023-04-01' }), at('2023-04-01')),
      command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2024-03-31' }, at('2024-04-01')),
      command('StartVoluntaryContinuation', { applicationDate: '2024-04-05' }, at('2024-04-05')),
    ];
    expect(rulesOn(commands, '2026-03-31').map(([rule]) => rule)).not.toContain('voluntary-continuation-end');
    expect(rulesOn(commands, '2026-04-01')).toEqual([['voluntary-continuation-end', 'insured', '2026-04-01']]);
    expect(run(commands, '2026-05-01').state.voluntaryContinuation!.end).toEqual({
      reason: 'two-years-elapsed',
      lossDate: '2026-04-01',
    });
  });

  it('domain.md 6.4: the next 資格確認書 is issued the configured number of days before the current one expires', () => {
    const commands = [command('EnrollMember', enrollData({ acquisitionDate: '2026-04-01' }), at('2026-04-01'))];
    // Valid 2026-04-01 .. 2031-03-31; renewal due 60 days before 2031-04-01.
    expect(rulesOn(commands, '2031-01-30').map(([rule]) => rule)).not.toContain('document-renewal');
    expect(rulesOn(commands, '2031-01-31')).toContainEqual(['document-renewal', 'insured', '2031-04-01']);
    const { state } = run(commands, '2031-01-31');
    expect(state.insured!.documents.at(-1)).toMatchObject({
      reason: 'renewal',
      validFrom: '2031-04-01',
      issuedOn: '2031-01-31',
    });
  });

  it('domain.md 6.3: a 資格確認書 from the day the certificate grace ends, when nothing covers that day', () => {
    const linked = stateOf([
      command(
        'EnrollMember',
        enrollData({ acquisitionDate: '2026-04-01', cardLinkage: { linkedOn: '2026-01-01' } }),
        at('2026-04-01'),
      ),
    ]);
    // Recorded without the document the command issues, as an event imported from the national system would be.
    const state = memberDecider.evolve(linked, {
      type: 'ElectronicCertificateExpiryRecorded',
      data: { personId: 'insured', expiresOn: '2026-08-10', usableUntil: '2026-11-30' },
    });
    const rules = (on: string) => dueLifecycleActions(state, on, settings).map((a) => [a.rule, a.effectiveDate]);
    expect(rules('2026-10-01')).not.toContainEqual(['certificate-grace-end', '2026-12-01']);
    expect(rules('2026-10-02')).toContainEqual(['certificate-grace-end', '2026-12-01']);
  });

  it('高齢受給者 from the month after the 70th birthday, the birthday month when born on the 1st', () => {
    expect(elderlyRecipientFrom('1956-06-15')).toBe('2026-07-01');
    expect(elderlyRecipientFrom('1956-06-01')).toBe('2026-06-01');
    const commands = [
      command(
        'EnrollMember',
        enrollData({ dateOfBirth: '1956-06-15', acquisitionDate: '2025-04-01' }),
        at('2025-04-01'),
      ),
    ];
    expect(rulesOn(commands, '2026-06-30').map(([rule]) => rule)).not.toContain('elderly-recipient');
    expect(rulesOn(commands, '2026-07-01')).toContainEqual(['elderly-recipient', 'insured', '2026-07-01']);
    expect(run(commands, '2026-07-01').recorded).toEqual([
      'ElderlyRecipientCertified',
      'EligibilityNotificationIssued',
    ]);
  });

  it('domain.md 3.3: active dependants are listed once a year from the configured review day', () => {
    const commands = [
      command('EnrollMember', enrollData({ acquisitionDate: '2025-04-01' }), at('2025-04-01')),
      command('RecognizeDependant', dependantData({ recognizedFrom: '2025-04-01' }), at('2025-04-01')),
    ];
    expect(rulesOn(commands, '2026-05-31').map(([rule]) => rule)).not.toContain('dependant-review');
    expect(rulesOn(commands, '2026-06-01')).toContainEqual(['dependant-review', 'd-1', '2026-06-01']);
    const { state } = run(commands, '2026-06-02');
    expect(state.dependants[0]!.reviewsListed).toEqual([2026]);
    expect(dueLifecycleActions(state, '2026-12-31', settings)).toEqual([]);
  });
});
