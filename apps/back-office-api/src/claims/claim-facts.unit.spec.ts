import { describe, expect, it } from '@jest/globals';
import { type YearMonth, RuleViolation } from '@kenpo/kernel';
import { coverageRefusal, type BenefitInput } from '@kenpo/benefits';
import { evolve, initialState, type MemberState } from '@kenpo/membership';
import { command, enrollData, eventsOf } from '../../../../libs/membership/src/testing.js';
import type { BenefitFactsDto } from './benefit-facts.dto.js';
import { completeBenefit, coverageFor, remunerationHistory } from './claim-facts.js';
import { ageGroupIn } from './household-context.js';

// Insured from 2024-04-01, retired after 2025-06-30 (loss 2025-07-01), voluntarily continuing from the loss date.
const commands = [
  command('EnrollMember', enrollData({ acquisitionDate: '2024-04-01' })),
  command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-06-30' }),
  command('StartVoluntaryContinuation', { applicationDate: '2025-07-10' }),
];
const history = eventsOf(commands);
const state: MemberState = history.reduce(evolve, initialState());
const insured = state.insured!;

const sickness = (from: string, to: string): BenefitFactsDto => ({
  kind: 'sickness-allowance',
  daysUnableToWork: [{ from, to }],
  claimPeriod: { from: '2025-07-01', to },
  previouslyPaidDays: 0,
});

describe('facts the society supplies to a claim (from the member stream)', () => {
  it('domain.md 4.1 継続給付: off work from 06-28 (待期 done on the last insured day) → the continuation is allowed under 任意継続', () => {
    const benefit = completeBenefit(sickness('2025-06-28', '2025-07-20'), state, insured);
    const coverage = coverageFor(benefit, state, insured, null);
    expect(coverage).toMatchObject({
      covered: true,
      voluntaryContinuation: true,
      afterLoss: { lossDate: '2025-07-01', continuouslyInsuredSince: '2024-04-01', receivingAllowanceAtLoss: true },
    });
    expect(coverageRefusal(benefit, coverage)).toBeNull();
  });

  it('domain.md 4.1 / 3.2: off work only from 06-29 (待期 done after the loss) → no allowance for a voluntarily continuing insured', () => {
    const benefit = completeBenefit(sickness('2025-06-29', '2025-07-20'), state, insured);
    const coverage = coverageFor(benefit, state, insured, null);
    expect(coverage.afterLoss?.receivingAllowanceAtLoss).toBe(false);
    expect(coverageRefusal(benefit, coverage)?.rule).toBe('after_loss_not_receiving_at_loss');
  });

  it('domain.md 4.1: the remuneration history counts insured months only (acquisition month up to the month before the loss)', () => {
    const months = remunerationHistory(state, '2025-01' as YearMonth, '2025-12' as YearMonth).map((h) => h.month);
    expect(months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
  });

  it("a reimbursement gets the patient's date of birth; a premium refund the loss date and reason of the continuation", () => {
    const reimbursement = completeBenefit(
      {
        kind: 'medical-expense-reimbursement',
        treatmentDate: '2025-05-01',
        paidOn: '2025-05-01',
        recognizedCost: 10_000,
        amountPaid: 10_000,
      },
      state,
      insured,
    ) as BenefitInput & { patientBirthDate: string };
    expect(reimbursement.patientBirthDate).toBe(insured.dateOfBirth);
    const refund: BenefitFactsDto = {
      kind: 'premium-refund',
      prepaidMonths: [{ month: '2025-12', amountPaid: 30_000 }],
    };
    expect(() => completeBenefit(refund, state, insured)).toThrow(RuleViolation);
    const ended = eventsOf([
      ...commands,
      command('EndVoluntaryContinuation', { reason: 'own-request', requestReceivedOn: '2025-10-15' }),
    ]).reduce(evolve, initialState());
    expect(completeBenefit(refund, ended, ended.insured!)).toMatchObject({
      lossDate: '2025-11-01',
      reason: 'own-request',
    });
  });

  it('high-cost age groups: 70-74 from the month after the 70th birthday, from the birthday month when born on the 1st', () => {
    expect(ageGroupIn('1955-06-02', '2025-06')).toBe('under-70');
    expect(ageGroupIn('1955-06-02', '2025-07')).toBe('70-74');
    expect(ageGroupIn('1955-06-01', '2025-06')).toBe('70-74');
    expect(ageGroupIn('1950-05-01', '2025-06')).toBe('over-75');
  });
});
