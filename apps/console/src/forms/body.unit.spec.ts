import { describe, expect, it } from '@jest/globals';
import { buildBody, initialValues, visibleNames } from './body';
import { CLAIM } from './claim-spec';
import { MEMBER_COMMANDS } from './member-commands';

const dependantSpecs = MEMBER_COMMANDS.find((c) => c.id === 'dependant')!.specs;

describe('form bodies: what the console sends for what the clerk typed', () => {
  it('types the fields, nests the paths and leaves out empty optional fields', () => {
    const { values, rows } = initialValues(dependantSpecs);
    Object.assign(values, {
      relationship: 'spouse',
      individualNumber: ' 983205673214 ',
      expectedAnnualIncome: '500000',
      monthlyRemittance: '',
      'residence.exception': '',
      insuredIsMainEarner: 'false',
    });
    const body = buildBody(dependantSpecs, values, rows);
    expect(body).toMatchObject({
      relationship: 'spouse',
      individualNumber: '983205673214',
      expectedAnnualIncome: 500000,
      sameHousehold: true,
      disabled: false,
      residence: { inJapan: true },
      insuredIsMainEarner: false,
    });
    expect(body).not.toHaveProperty('monthlyRemittance');
    expect(body).not.toHaveProperty('cardLinkage');
  });

  it('sends a number that is not one as typed, so the API names the field and the rule', () => {
    const { values, rows } = initialValues(dependantSpecs);
    values.expectedAnnualIncome = '50万';
    expect(buildBody(dependantSpecs, values, rows).expectedAnnualIncome).toBe('50万');
  });

  it('builds only the chosen benefit, with its repeatable date ranges as arrays', () => {
    const { values, rows } = initialValues(CLAIM);
    Object.assign(values, {
      personId: 'insured',
      'benefit.kind': 'sickness-allowance',
      'benefit.daysUnableToWork.0.from': '2025-05-01',
      'benefit.daysUnableToWork.0.to': '2025-05-20',
      'benefit.claimPeriod.from': '2025-05-04',
      'benefit.claimPeriod.to': '2025-05-20',
      'payment.method': 'public-funds',
      'payment.account.bankCode': '0001',
    });
    expect(buildBody(CLAIM, values, rows)).toEqual({
      personId: 'insured',
      benefit: {
        kind: 'sickness-allowance',
        daysUnableToWork: [{ from: '2025-05-01', to: '2025-05-20' }],
        claimPeriod: { from: '2025-05-04', to: '2025-05-20' },
        previouslyPaidDays: 0,
      },
      payment: { method: 'public-funds' },
    });
  });

  it('knows which violations have an input on screen (the others are listed above the form)', () => {
    const { values, rows } = initialValues(CLAIM);
    values['benefit.kind'] = 'childbirth-grant';
    values['payment.method'] = 'account';
    const names = visibleNames(CLAIM, values, rows);
    expect(names.has('benefit.birthDate')).toBe(true);
    expect(names.has('payment.account.accountNumber')).toBe(true);
    expect(names.has('benefit.daysUnableToWork.0.from')).toBe(false);
  });
});
