import { describe, expect, it } from '@jest/globals';
import { NotFoundError, ValidationError } from '@kenpo/kernel';
import type { RegisterPublicFundsAccount } from './index.js';
import { command, enrollData, eventsOf, given } from './testing.js';

const enrolled = eventsOf([command('EnrollMember', enrollData())]);
const account = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
  holderName: 'ヤマダ タロウ',
};
const register = (overrides: Partial<RegisterPublicFundsAccount['data']> = {}) =>
  command<RegisterPublicFundsAccount>(
    'RegisterPublicFundsAccount',
    { ...account, ...overrides },
    '2026-05-01T01:00:00.000Z',
  );

describe('public-funds receiving account (公金受取口座)', () => {
  it('domain.md 7, 8.4: registers the account with the holder name in Zengin half-width kana', () => {
    given(enrolled)
      .when(register())
      .then([
        {
          type: 'PublicFundsAccountRegistered',
          data: {
            personId: 'insured',
            ...account,
            holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ',
            effectiveOn: '2026-05-01',
          },
        },
      ]);
  });

  it('conventions.md 5: registering the identical account again records nothing; a different one is a change', () => {
    const registered = [...enrolled, ...given(enrolled).when(register()).events()];
    given(registered).when(register()).then([]);
    const [changed] = given(registered)
      .when(register({ accountType: 'savings', accountNumber: '7654321' }))
      .events();
    expect(changed).toMatchObject({
      type: 'PublicFundsAccountChanged',
      data: { accountType: 'savings', accountNumber: '7654321' },
    });
  });

  it('removes the account; removing none records nothing', () => {
    const registered = [...enrolled, ...given(enrolled).when(register()).events()];
    given(registered)
      .when(command('RemovePublicFundsAccount', {}, '2026-06-01T01:00:00.000Z'))
      .then([{ type: 'PublicFundsAccountRemoved', data: { personId: 'insured', effectiveOn: '2026-06-01' } }]);
    given(enrolled).when(command('RemovePublicFundsAccount', {})).then([]);
  });

  it('domain.md 8.2, 8.4: refuses malformed codes, an unknown type and a name Zengin cannot carry', () => {
    const error = given(enrolled)
      .when(
        register({
          bankCode: '001',
          branchCode: '0001',
          accountType: 'checking' as never,
          accountNumber: '123456',
          holderName: '山田太郎',
        }),
      )
      .then(ValidationError);
    expect(error.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'bankCode:4_digits',
      'branchCode:3_digits',
      'accountType:one_of',
      'accountNumber:7_digits',
      'holderName:zengin_kana',
    ]);
    expect(JSON.stringify(error.violations)).not.toContain('山');
  });

  it('needs an enrolled member', () => {
    given([]).when(register()).then(NotFoundError);
  });
});
