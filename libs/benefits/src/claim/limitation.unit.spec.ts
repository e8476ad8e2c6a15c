import { describe, expect, it } from '@jest/globals';
import type { BusinessDate } from '@kenpo/kernel';
import type { ClaimCommand } from '../claim.commands.js';
import { createClaimDecider } from '../claim.decide.js';
import type { BenefitClaimSubmitted } from '../claim.events.js';
import type { BenefitInput } from '../claim.types.js';
import { clerk, meta } from '../test-support/commands.js';
import { scenario } from '../test-support/given.js';
import { firstClaimableDay, isTimeBarred, limitationStart } from './limitation.js';

const d = (s: string) => s as BusinessDate;
const { given } = scenario(createClaimDecider());
const history = Array.from({ length: 12 }, (_, i) => ({
  month: `2023-${String(i + 1).padStart(2, '0')}`,
  standardMonthlyRemuneration: 260_000,
}));
const sickness = (claimTo: string): BenefitInput => ({
  kind: 'sickness-allowance',
  remunerationHistory: history,
  daysUnableToWork: [{ from: '2023-05-01', to: claimTo }],
  claimPeriod: { from: '2023-05-01', to: claimTo },
  previouslyPaidDays: 0,
});
const submit = (benefit: BenefitInput, submittedOn: string, personId = 'insured'): ClaimCommand => ({
  type: 'SubmitBenefitClaim',
  metadata: meta(clerk),
  data: {
    claimId: 'c-9',
    memberId: 'm-1',
    personId,
    benefit,
    payment: { method: 'public-funds' },
    paymentFacts: {
      publicFundsAccount: {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderName: 'ヤマダ タロウ',
      },
      insuredDiedOn: null,
    },
    coverage: { covered: true },
    submittedOn,
  },
});

describe('limitation (時効, domain.md 4.9)', () => {
  it('domain.md 4.9: rights lapse once 2 years from the start day have elapsed', () => {
    expect(isTimeBarred(d('2023-04-02'), d('2025-04-01'))).toBe(false);
    expect(isTimeBarred(d('2023-04-02'), d('2025-04-02'))).toBe(true);
  });

  it('domain.md 4.9: allowances lapse day by day: the first claimable day on 2025-06-02 is 2023-06-02', () => {
    expect(firstClaimableDay(d('2025-06-02'))).toBe('2023-06-02');
    // 29 February: the day after 2024-02-28 is 2024-02-29, whose 2-year mark falls on 2026-02-28.
    expect(firstClaimableDay(d('2026-02-28'))).toBe('2024-02-29');
  });

  it('domain.md 4.9 start days: 療養費 the day after payment, 高額 n/a, 出産 the day after birth, 埋葬費 the day after burial', () => {
    expect(
      limitationStart({
        kind: 'medical-expense-reimbursement',
        treatmentDate: '2025-01-05',
        paidOn: '2025-01-10',
        recognizedCost: 1,
        amountPaid: 1,
        patientBirthDate: '1980-01-01',
      }).startsOn,
    ).toBe('2025-01-11');
    expect(
      limitationStart({ kind: 'burial-expenses', dateOfDeath: '2025-01-05', burialDate: '2025-01-09', burialCost: 1 })
        .startsOn,
    ).toBe('2025-01-10');
    expect(
      limitationStart({
        kind: 'family-childbirth-grant',
        birthDate: '2025-01-05',
        numberOfBabies: 1,
        obstetricCompensation: true,
      }).startsOn,
    ).toBe('2025-01-06');
  });

  it('domain.md 4.9: a sickness claim whose days are all time-barred is rejected with the rule named', () => {
    const { events } = given([]).when(submit(sickness('2023-05-31'), '2025-06-02'));
    expect(events).toHaveLength(1);
    expect(events![0]).toMatchObject({ type: 'BenefitClaimRejected', data: { rule: 'limitation_expired' } });
  });

  it('domain.md 4.9: a sickness claim partly time-barred pays only the days still claimable', () => {
    const { events } = given([]).when(submit(sickness('2023-06-10'), '2025-06-02'));
    const data = (events![0] as BenefitClaimSubmitted).data;
    // Days 2023-06-02 .. 2023-06-10 are claimable: 9 days at 5,780.
    expect(data.amount).toBe(9 * 5_780);
    expect(data.breakdown.steps.find((s) => s.step.startsWith('days time-barred'))?.value).toBe(29); // 2023-05-04 .. 06-01
  });

  it('domain.md 3.2 / 4.9: a premium refund needs no coverage and is recorded as JSON-safe data', () => {
    const benefit: BenefitInput = {
      kind: 'premium-refund',
      lossDate: '2025-05-10',
      reason: 'death',
      prepaidMonths: [
        { month: '2025-05', amountPaid: 29_500 },
        { month: '2025-06', amountPaid: 29_500 },
      ],
    };
    const command = submit(benefit, '2025-06-02');
    const { events } = given([]).when({
      ...command,
      data: { ...command.data, coverage: { covered: false } },
    } as ClaimCommand);
    expect(events![0]).toMatchObject({
      type: 'BenefitClaimSubmitted',
      data: { amount: 59_000, limitation: { startsOn: '2025-05-11' } },
    });
    expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
  });
});
