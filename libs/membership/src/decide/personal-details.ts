import { assertNoViolations, businessDate } from '@kenpo/kernel';
import type { ChangeAddress, ChangeName } from '../member.commands.js';
import { INSURED, type MemberEvent } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { findPerson, requireEnrolled, today } from './context.js';
import { issueNotification } from './documents.js';
import { date, kana, postalCode, requiredText } from './fields.js';

/**
 * 氏名変更 (domain.md 3.1): the new name from `effectiveDate`, and a new 資格情報のお知らせ (domain.md 6.5: re-issued on
 * a name change). Re-sending the same name records nothing.
 */
export function changeName(command: ChangeName, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...requiredText('personId', d.personId),
    ...requiredText('name', d.name),
    ...kana('nameKana', d.nameKana),
    ...date('effectiveDate', d.effectiveDate),
  ]);
  requireEnrolled(state);
  const person = findPerson(state, d.personId);
  if (person.name === d.name && person.nameKana === d.nameKana) return [];
  const effectiveDate = businessDate(d.effectiveDate, 'effectiveDate');
  const renamed = { ...person, name: d.name, nameKana: d.nameKana };
  const acquisitionDate = person.coverage.at(-1)?.from ?? state.acquisitionDate;
  return [
    {
      type: 'PersonNameChanged',
      data: { personId: person.personId, name: d.name, nameKana: d.nameKana, effectiveDate },
    },
    issueNotification(state, renamed, { issuedOn: today(command), reason: 'name-changed', acquisitionDate }),
  ];
}

/** 住所変更 (domain.md 3.1): the member's address from `effectiveDate`; re-sending the same address records nothing. */
export function changeAddress(command: ChangeAddress, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...postalCode('postalCode', d.postalCode),
    ...requiredText('address', d.address, 200),
    ...date('effectiveDate', d.effectiveDate),
  ]);
  requireEnrolled(state);
  if (state.postalCode === d.postalCode && state.address === d.address) return [];
  const effectiveDate = businessDate(d.effectiveDate, 'effectiveDate');
  return [
    {
      type: 'MemberAddressChanged',
      data: { personId: INSURED, postalCode: d.postalCode, address: d.address, effectiveDate },
    },
  ];
}
