import { ageOn, assertNoViolations, businessDate, ConflictError, monthOf, RuleViolation } from '@kenpo/kernel';
import { INSURED_BRANCH } from '../branch-numbers.js';
import { protectedNumberOf, protectedNumberViolations } from '../individual-number.js';
import type { MembershipSettings } from '../membership-settings.js';
import type { EnrollMember } from '../member.commands.js';
import { INSURED, type MemberEnrolled, type MemberEvent } from '../member.events.js';
import { evolve, type MemberState } from '../member.state.js';
import { LATE_STAGE_ELDERLY_AGE } from '../reference/eligibility.js';
import { today } from './context.js';
import { issueDocument, issueNotification } from './documents.js';
import { date, kana, oneOf, postalCode, requiredText, SEXES } from './fields.js';
import { resolveRemuneration } from './remuneration.js';

/** 資格取得 (domain.md 3.1): the insured gets 枝番 00, a notification, and a 資格確認書 unless the card is linked. */
export function enroll(command: EnrollMember, state: MemberState, settings: MembershipSettings): MemberEvent[] {
  const d = command.data;
  assertNoViolations([
    ...requiredText('memberId', d.memberId),
    ...requiredText('officeCode', d.officeCode, 20),
    ...requiredText('symbol', d.symbol, 20),
    ...requiredText('number', d.number, 20),
    ...protectedNumberViolations('individualNumber', d.individualNumber),
    ...requiredText('name', d.name),
    ...kana('nameKana', d.nameKana),
    ...date('dateOfBirth', d.dateOfBirth),
    ...oneOf('sex', d.sex, SEXES),
    ...postalCode('postalCode', d.postalCode),
    ...requiredText('address', d.address, 200),
    ...date('acquisitionDate', d.acquisitionDate),
    ...(d.cardLinkage ? date('cardLinkage.linkedOn', d.cardLinkage.linkedOn) : []),
  ]);
  if (state.status !== 'not-enrolled') {
    const same =
      state.memberId === d.memberId &&
      state.acquisitionDate === d.acquisitionDate &&
      state.insured?.individualNumber.ref === d.individualNumber.ref;
    if (same) return [];
    throw new ConflictError('member_already_enrolled', 'this member is already enrolled');
  }
  const acquisitionDate = businessDate(d.acquisitionDate, 'acquisitionDate');
  const dateOfBirth = businessDate(d.dateOfBirth, 'dateOfBirth');
  if (dateOfBirth > acquisitionDate) {
    throw RuleViolation.of('dateOfBirth', 'born_before_acquisition', 'must not be after the acquisition date');
  }
  if (ageOn(dateOfBirth, acquisitionDate) >= LATE_STAGE_ELDERLY_AGE) {
    throw RuleViolation.of(
      'dateOfBirth',
      'late_stage_elderly',
      `a person aged ${LATE_STAGE_ELDERLY_AGE} or over is covered by 後期高齢者医療, not by the society (domain.md 3.1)`,
    );
  }
  const enrolled: MemberEnrolled = {
    type: 'MemberEnrolled',
    data: {
      memberId: d.memberId,
      personId: INSURED,
      officeCode: d.officeCode,
      symbol: d.symbol,
      number: d.number,
      branch: INSURED_BRANCH,
      name: d.name,
      nameKana: d.nameKana,
      dateOfBirth,
      sex: d.sex,
      postalCode: d.postalCode,
      address: d.address,
      individualNumber: protectedNumberOf(d.individualNumber),
      acquisitionDate,
      standardRemuneration: resolveRemuneration(
        'remuneration',
        d.remuneration,
        monthOf(acquisitionDate),
        'acquisition',
      ),
    },
  };
  const after = evolve(state, enrolled);
  const insured = after.insured!;
  const issuedOn = today(command);
  const events: MemberEvent[] = [enrolled];
  if (d.cardLinkage) events.push({ type: 'CardLinked', data: { personId: INSURED, linkedOn: d.cardLinkage.linkedOn } });
  events.push(issueNotification(after, insured, { issuedOn, reason: 'enrollment', acquisitionDate }));
  if (!d.cardLinkage) {
    events.push(
      ...issueDocument(settings, after, insured, { issuedOn, validFrom: acquisitionDate, reason: 'no-card-linkage' }),
    );
  }
  return events;
}
