import { describe, expect, it } from '@jest/globals';
import { societySettings } from '../reference/society-settings.js';
import { calculateChildbirthGrant } from './childbirth-grant.js';
import { calculateFuneral } from './funeral.js';

describe('childbirth and childcare lump-sum grant (出産育児一時金)', () => {
  const grant = (birthDate: string, obstetricCompensation: boolean, numberOfBabies = 1) =>
    calculateChildbirthGrant({ birthDate, obstetricCompensation, numberOfBabies }).amount;

  it('domain.md 4.3: a birth on 2023-03-31 gets 420,000 (408,000 outside the obstetric compensation system)', () => {
    expect(grant('2023-03-31', true)).toBe(420_000);
    expect(grant('2023-03-31', false)).toBe(408_000);
  });

  it('domain.md 4.3: a birth on 2023-04-01 gets 500,000 (488,000 outside the system)', () => {
    expect(grant('2023-04-01', true)).toBe(500_000);
    expect(grant('2023-04-01', false)).toBe(488_000);
  });

  it('domain.md 4.3: twins count twice', () => {
    expect(grant('2025-01-15', true, 2)).toBe(1_000_000);
  });

  it('domain.md 4.3: the breakdown names the table row used', () => {
    const calc = calculateChildbirthGrant({ birthDate: '2024-07-01', obstetricCompensation: true, numberOfBabies: 1 });
    expect(calc.breakdown.references[0]).toMatchObject({ table: 'CHILDBIRTH_GRANT', effectiveFrom: '2023-04-01' });
  });

  it('an amount already paid directly to the institution is deducted', () => {
    expect(
      calculateChildbirthGrant({
        birthDate: '2024-07-01',
        obstetricCompensation: true,
        numberOfBabies: 1,
        paidDirectlyToInstitution: 460_000,
      }).amount,
    ).toBe(40_000);
  });

  it('births before the amounts held are refused rather than guessed', () => {
    expect(() => grant('2021-12-31', true)).toThrow(expect.objectContaining({ code: 'no_reference_data' }));
  });
});

describe('funeral benefits (埋葬料・埋葬費・家族埋葬料)', () => {
  const settings = societySettings();
  it('domain.md 4.4: 埋葬料 is a flat 50,000', () => {
    expect(calculateFuneral('burial-allowance', { dateOfDeath: '2025-03-01' }, settings).amount).toBe(50_000);
  });

  it('domain.md 4.4: 埋葬費 is the actual cost up to 50,000', () => {
    const cost = (burialCost: number) =>
      calculateFuneral('burial-expenses', { dateOfDeath: '2025-03-01', burialDate: '2025-03-05', burialCost }, settings)
        .amount;
    expect(cost(32_000)).toBe(32_000);
    expect(cost(80_000)).toBe(50_000);
  });

  it('domain.md 4.4: 家族埋葬料 is 50,000, not for a stillbirth', () => {
    expect(calculateFuneral('family-burial-allowance', { dateOfDeath: '2025-03-01' }, settings).amount).toBe(50_000);
    expect(() =>
      calculateFuneral('family-burial-allowance', { dateOfDeath: '2025-03-01', stillbirth: true }, settings),
    ).toThrow(expect.objectContaining({ code: 'stillbirth_not_covered' }));
  });

  it('domain.md 4.4 society add-on example: 埋葬料付加金 50,000 / 家族埋葬付加金 30,000 when configured', () => {
    const withAddOn = societySettings({ funeralAddOn: { insured: 50_000, family: 30_000 } });
    expect(calculateFuneral('burial-allowance', { dateOfDeath: '2025-03-01' }, withAddOn).amount).toBe(100_000);
    expect(calculateFuneral('family-burial-allowance', { dateOfDeath: '2025-03-01' }, withAddOn).amount).toBe(80_000);
  });
});
