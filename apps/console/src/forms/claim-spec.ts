import type { BodyOf } from '../api/types';
import { accountFields } from './member-commands';
import { checked, type FieldSpec, type ListSpec, type Spec, when } from './spec';

export const CLAIMED_KINDS = [
  'sickness-allowance',
  'maternity-allowance',
  'childbirth-grant',
  'family-childbirth-grant',
  'burial-allowance',
  'burial-expenses',
  'family-burial-allowance',
  'medical-expense-reimbursement',
  'home-visit-nursing',
  'inpatient-meal-expenses',
  'transport-expenses',
  'premium-refund',
] as const;

const KIND = 'benefit.kind';
const forKinds = (...kinds: string[]) => when(KIND, ...kinds);

const range = <N extends string>(
  name: N,
  label: string,
  showIf: Spec['showIf'],
  minRows: number,
  daily = false,
): ListSpec & { name: `benefit.${N}` } => ({
  kind: 'list',
  name: `benefit.${name}`,
  label,
  minRows,
  showIf,
  fields: [
    { kind: 'date', name: 'from' },
    { kind: 'date', name: 'to' },
    ...(daily ? [{ kind: 'number', name: 'dailyAmount' } as FieldSpec] : []),
  ],
});

const fields = <N extends string>(
  showIf: Spec['showIf'],
  list: (Omit<FieldSpec, 'showIf' | 'name'> & { name: N })[],
): (FieldSpec & { name: N })[] => list.map((f) => ({ ...f, showIf }));

const SICKNESS = forKinds('sickness-allowance');
const MATERNITY = forKinds('maternity-allowance');
const CHILDBIRTH = forKinds('childbirth-grant', 'family-childbirth-grant');
const FUNERAL = forKinds('burial-allowance', 'burial-expenses', 'family-burial-allowance');
const REIMBURSEMENT = forKinds('medical-expense-reimbursement', 'home-visit-nursing');
const MEALS = forKinds('inpatient-meal-expenses');
const TRANSPORT = forKinds('transport-expenses');
const REFUND = forKinds('premium-refund');

/** The claim form: who, which benefit (its facts as on the paper form), how it is paid. */
export const CLAIM = checked<BodyOf<'/members/{memberId}/benefit-claims', 'post'>>()([
  { kind: 'person', name: 'personId' },
  { kind: 'select', name: KIND, enumGroup: 'benefitKind', options: CLAIMED_KINDS, label: 'field.benefitKind' },
  range('daysUnableToWork', 'field.daysUnableToWork', SICKNESS, 1),
  ...fields(SICKNESS, [
    { kind: 'date', name: 'benefit.claimPeriod.from', label: 'field.claimPeriodFrom' },
    { kind: 'date', name: 'benefit.claimPeriod.to', label: 'field.claimPeriodTo' },
    { kind: 'date', name: 'benefit.firstPaymentDay', optional: true },
    { kind: 'number', name: 'benefit.previouslyPaidDays', initial: '0' },
  ]),
  range('salaryPaid', 'field.salaryPaid', forKinds('sickness-allowance', 'maternity-allowance'), 0, true),
  ...fields(MATERNITY, [
    { kind: 'date', name: 'benefit.expectedBirthDate' },
    { kind: 'date', name: 'benefit.actualBirthDate', optional: true },
    { kind: 'checkbox', name: 'benefit.multiplePregnancy' },
  ]),
  range('daysOffWork', 'field.daysOffWork', MATERNITY, 1),
  ...fields(MATERNITY, [
    { kind: 'date', name: 'benefit.claimPeriod.from', label: 'field.claimPeriodFrom' },
    { kind: 'date', name: 'benefit.claimPeriod.to', label: 'field.claimPeriodTo' },
    { kind: 'date', name: 'benefit.firstPaymentDay', optional: true },
  ]),
  ...fields(CHILDBIRTH, [
    { kind: 'date', name: 'benefit.birthDate' },
    { kind: 'number', name: 'benefit.numberOfBabies', initial: '1' },
    { kind: 'checkbox', name: 'benefit.obstetricCompensation', initial: true },
    { kind: 'number', name: 'benefit.paidDirectlyToInstitution', optional: true },
  ]),
  ...fields(FUNERAL, [
    { kind: 'date', name: 'benefit.dateOfDeath' },
    { kind: 'date', name: 'benefit.burialDate', optional: true },
    { kind: 'number', name: 'benefit.burialCost', optional: true },
    { kind: 'checkbox', name: 'benefit.stillbirth', optional: true },
  ]),
  ...fields(REIMBURSEMENT, [
    { kind: 'date', name: 'benefit.treatmentDate' },
    { kind: 'date', name: 'benefit.paidOn' },
    { kind: 'number', name: 'benefit.recognizedCost' },
    { kind: 'number', name: 'benefit.amountPaid' },
    { kind: 'checkbox', name: 'benefit.activeIncome', optional: true },
  ]),
  ...fields(MEALS, [
    { kind: 'date', name: 'benefit.stay.from', label: 'field.stayFrom' },
    { kind: 'date', name: 'benefit.stay.to', label: 'field.stayTo' },
    { kind: 'number', name: 'benefit.meals' },
    {
      kind: 'select',
      name: 'benefit.category',
      enumGroup: 'mealCategory',
      options: ['general', 'low-income', 'low-income-long-stay', 'low-income-1', 'designated-intractable'],
    },
    { kind: 'number', name: 'benefit.amountPaid' },
    { kind: 'date', name: 'benefit.paidOn' },
  ]),
  ...fields(TRANSPORT, [
    { kind: 'date', name: 'benefit.transportDate' },
    { kind: 'date', name: 'benefit.paidOn' },
    { kind: 'number', name: 'benefit.assessedCost' },
    { kind: 'number', name: 'benefit.actualCost' },
  ]),
  {
    kind: 'list',
    name: 'benefit.prepaidMonths',
    label: 'field.prepaidMonths',
    minRows: 1,
    showIf: REFUND,
    fields: [
      { kind: 'month', name: 'month' },
      { kind: 'number', name: 'amountPaid' },
    ],
  },
  {
    kind: 'select',
    name: 'payment.method',
    enumGroup: 'paymentMethod',
    options: ['public-funds', 'account'],
    label: 'field.paymentMethod',
  },
  ...accountFields('payment.account.').map((f) => ({ ...f, showIf: when('payment.method', 'account') })),
  {
    kind: 'select',
    name: 'payee.kind',
    optional: true,
    enumGroup: 'payeeKind',
    options: ['insured', 'burial-performer', 'heir', 'receiving-agent'],
    label: 'field.payeeKind',
    hint: 'hint.payee',
  },
  {
    kind: 'text',
    name: 'payee.name',
    label: 'field.payeeName',
    showIf: when('payee.kind', 'burial-performer', 'heir', 'receiving-agent'),
  },
  {
    kind: 'text',
    name: 'payee.relationship',
    optional: true,
    label: 'field.payeeRelationship',
    showIf: when('payee.kind', 'burial-performer', 'heir', 'receiving-agent'),
  },
  { kind: 'date', name: 'submittedOn', optional: true, hint: 'hint.submittedOn' },
]);
