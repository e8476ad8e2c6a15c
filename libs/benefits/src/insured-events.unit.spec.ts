import { describe, expect, it } from '@jest/globals';
import { approvalDuplicates, submissionDuplicates, withPriority } from './claim/duplicates.js';
import type { BenefitInput } from './claim.types.js';
import { sameInsuredEvent, type InsuredEvent, type RegisteredEvent } from './insured-events.js';

const birth = (birthDate: string, personId = 'insured'): InsuredEvent => ({
  type: 'birth',
  personId,
  birthDate,
  numberOfBabies: 1,
});
const days = (kind: 'sickness-allowance' | 'maternity-allowance', from: string, to: string, dailyAmount = 6_000) =>
  ({ type: 'allowance-days', kind, claimPeriod: { from, to }, paidDays: [{ from, to, dailyAmount }] }) as InsuredEvent;
const registered = (claimId: string, kind: RegisteredEvent['kind'], insuredEvent: InsuredEvent): RegisteredEvent => ({
  claimId,
  kind,
  insuredEvent,
});

describe('the same insured event (issue 13.5)', () => {
  it('domain.md 4.2/4.3: one delivery spans days (twins on different days); births 85+ days apart are two', () => {
    expect(sameInsuredEvent(birth('2025-04-01'), birth('2025-04-02'))).toBe(true);
    expect(sameInsuredEvent(birth('2025-04-01'), birth('2025-06-24'))).toBe(true);
    expect(sameInsuredEvent(birth('2025-04-01'), birth('2025-06-25'))).toBe(false);
    expect(sameInsuredEvent(birth('2025-04-01'), birth('2025-04-01', 'dep-1'))).toBe(false);
  });

  it('allowance days overlap for the same allowance only; a funeral is one per death', () => {
    const a = days('sickness-allowance', '2025-05-01', '2025-05-10');
    expect(sameInsuredEvent(a, days('sickness-allowance', '2025-05-10', '2025-05-20'))).toBe(true);
    expect(sameInsuredEvent(a, days('sickness-allowance', '2025-05-11', '2025-05-20'))).toBe(false);
    expect(sameInsuredEvent(a, days('maternity-allowance', '2025-05-01', '2025-05-10'))).toBe(false);
    const death: InsuredEvent = { type: 'death', personId: 'insured', dateOfDeath: '2025-05-20' };
    expect(sameInsuredEvent(death, { ...death, dateOfDeath: '2025-05-21' })).toBe(true);
  });

  it('a second claim is refused at submission (409 naming the earlier) unless domain.md allows one', () => {
    const earlier = [registered('c-1', 'sickness-allowance', days('sickness-allowance', '2025-05-01', '2025-05-10'))];
    expect(() =>
      submissionDuplicates(
        'sickness-allowance',
        'c-2',
        days('sickness-allowance', '2025-05-05', '2025-05-06'),
        earlier,
      ),
    ).toThrow(expect.objectContaining({ code: 'duplicate_insured_event', message: expect.stringContaining('c-1') }));
    const births = [registered('c-1', 'childbirth-grant', birth('2025-04-01'))];
    expect(submissionDuplicates('childbirth-grant', 'c-2', birth('2025-04-02'), births)).toEqual(['c-1']);
  });

  it('at approval: 409 without an override; with one where allowed, the earlier claims are named; never for funerals', () => {
    const births = [registered('c-1', 'childbirth-grant', birth('2025-04-01'))];
    const facts = {
      kind: 'childbirth-grant' as const,
      claimId: 'c-2',
      insuredEvent: birth('2025-04-02'),
      priorityFrom: [],
    };
    expect(() => approvalDuplicates(facts, births, null)).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(approvalDuplicates(facts, births, { reason: 'second twin, born the next day' })).toEqual({
      earlierClaimIds: ['c-1'],
    });
    const death: InsuredEvent = { type: 'death', personId: 'insured', dateOfDeath: '2025-05-20' };
    const funeral = { kind: 'burial-expenses' as const, claimId: 'c-4', insuredEvent: death, priorityFrom: [] };
    expect(() =>
      approvalDuplicates(funeral, [registered('c-3', 'burial-allowance', death)], { reason: 'again' }),
    ).toThrow(expect.objectContaining({ code: 'second_claim_not_allowed' }));
  });

  it('domain.md 4.1/4.2: the priority comes from approved claims; one approved since the calculation is a 409', () => {
    const maternity = registered('m-1', 'maternity-allowance', days('maternity-allowance', '2025-05-01', '2025-05-31'));
    const sickness: BenefitInput = {
      kind: 'sickness-allowance',
      remunerationHistory: [],
      daysUnableToWork: [],
      claimPeriod: { from: '2025-05-20', to: '2025-06-10' },
      previouslyPaidDays: 0,
    };
    const { benefit, priorityFrom } = withPriority(sickness, [maternity]);
    expect(priorityFrom).toEqual(['m-1']);
    expect(benefit).toMatchObject({
      maternityAllowancePaid: [{ from: '2025-05-01', to: '2025-05-31', dailyAmount: 6_000 }],
    });
    const facts = {
      kind: 'sickness-allowance' as const,
      claimId: 's-1',
      insuredEvent: days('sickness-allowance', '2025-05-20', '2025-06-10'),
      priorityFrom: [],
    };
    expect(() => approvalDuplicates(facts, [maternity], null)).toThrow(
      expect.objectContaining({ code: 'priority_changed' }),
    );
    expect(approvalDuplicates({ ...facts, priorityFrom: ['m-1'] }, [maternity], null)).toEqual({ earlierClaimIds: [] });
  });
});
