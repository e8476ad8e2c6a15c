import type { MemberCommandBody, MemberCommandMethod, MemberCommandPath } from '../api/endpoints';
import type { BodyOf } from '../api/types';
import { type CheckedSpec, checked, type Spec, when } from './spec';

/** A clerk command on a member: where it goes (`{memberId}` filled in) and what it asks. */
export interface MemberCommandSpec {
  id: string;
  method: MemberCommandMethod;
  path: MemberCommandPath;
  specs: Spec[];
}

/** A command whose fields are checked against the body its path and method take in openapi.json. */
function command<P extends MemberCommandPath, M extends MemberCommandMethod>(c: {
  id: string;
  method: M;
  path: P;
  specs: readonly CheckedSpec<MemberCommandBody<P, M>>[];
}): MemberCommandSpec {
  return c as unknown as MemberCommandSpec;
}

const SEX = ['male', 'female'] as const;
const RELATIONSHIPS = [
  'spouse',
  'common-law-spouse',
  'child',
  'grandchild',
  'parent',
  'grandparent',
  'great-grandparent',
  'sibling',
  'other-relative-within-third-degree',
  'common-law-spouse-parent',
  'common-law-spouse-child',
] as const;

/** The fields of a bank account at `prefix` in a body (e.g. `payment.account.`). */
export const accountFields = <P extends string>(prefix: P) =>
  [
    { kind: 'text', name: `${prefix}bankCode`, hint: 'hint.bankCode' },
    { kind: 'text', name: `${prefix}branchCode`, hint: 'hint.branchCode' },
    {
      kind: 'select',
      name: `${prefix}accountType`,
      enumGroup: 'accountType',
      options: ['ordinary', 'current', 'savings'],
    },
    { kind: 'text', name: `${prefix}accountNumber`, hint: 'hint.accountNumber' },
    { kind: 'text', name: `${prefix}holderName`, hint: 'hint.holderName' },
  ] as const;

export const ENROLLMENT = checked<BodyOf<'/members', 'post'>>()([
  { kind: 'text', name: 'individualNumber', hint: 'hint.individualNumber' },
  { kind: 'text', name: 'name' },
  { kind: 'text', name: 'nameKana', hint: 'hint.kana' },
  { kind: 'date', name: 'dateOfBirth' },
  { kind: 'select', name: 'sex', enumGroup: 'sex', options: SEX },
  { kind: 'text', name: 'postalCode', hint: 'hint.postalCode' },
  { kind: 'text', name: 'address' },
  { kind: 'text', name: 'officeCode' },
  { kind: 'text', name: 'symbol' },
  { kind: 'date', name: 'acquisitionDate' },
  { kind: 'number', name: 'monthlyRemuneration', optional: true, hint: 'hint.remunerationOrGrade' },
  { kind: 'number', name: 'grade', optional: true },
  { kind: 'date', name: 'cardLinkage.linkedOn', optional: true, label: 'field.cardLinkedOn' },
]);

export const MEMBER_COMMANDS: MemberCommandSpec[] = [
  command({
    id: 'dependant',
    method: 'POST',
    path: '/members/{memberId}/dependants',
    specs: [
      { kind: 'select', name: 'relationship', enumGroup: 'relationship', options: RELATIONSHIPS },
      { kind: 'text', name: 'individualNumber', hint: 'hint.individualNumber' },
      { kind: 'text', name: 'name' },
      { kind: 'text', name: 'nameKana', hint: 'hint.kana' },
      { kind: 'date', name: 'dateOfBirth' },
      { kind: 'select', name: 'sex', enumGroup: 'sex', options: SEX },
      { kind: 'date', name: 'recognizedFrom' },
      { kind: 'number', name: 'expectedAnnualIncome' },
      { kind: 'checkbox', name: 'sameHousehold', initial: true },
      { kind: 'number', name: 'monthlyRemittance', optional: true },
      { kind: 'checkbox', name: 'residence.inJapan', initial: true },
      {
        kind: 'select',
        name: 'residence.exception',
        optional: true,
        enumGroup: 'residenceException',
        options: [
          'overseas-student',
          'accompanying-posted-insured',
          'temporary-travel',
          'relationship-formed-abroad',
          'life-base-in-japan',
        ],
      },
      {
        kind: 'select',
        name: 'residence.excludedVisa',
        optional: true,
        enumGroup: 'excludedVisa',
        options: ['medical-stay', 'long-stay-sightseeing'],
      },
      { kind: 'checkbox', name: 'disabled' },
      { kind: 'number', name: 'insuredAnnualIncome', optional: true },
      { kind: 'yes-no', name: 'insuredIsMainEarner', optional: true },
      { kind: 'date', name: 'cardLinkage.linkedOn', optional: true, label: 'field.cardLinkedOn' },
    ],
  }),
  command({
    id: 'account',
    method: 'PUT',
    path: '/members/{memberId}/public-funds-account',
    specs: accountFields(''),
  }),
  command({
    id: 'automatic-payment',
    method: 'PUT',
    path: '/members/{memberId}/automatic-benefit-payment',
    specs: [
      {
        kind: 'select',
        name: 'method',
        enumGroup: 'paymentMethod',
        options: ['public-funds', 'account'],
        label: 'field.automaticPaymentMethod',
        hint: 'hint.automaticPayment',
      },
      ...accountFields('account.').map((f) => ({ ...f, showIf: when('method', 'account') })),
    ],
  }),
  command({
    id: 'job-change',
    method: 'POST',
    path: '/members/{memberId}/job-changes',
    specs: [
      { kind: 'checkbox', name: 'withinSociety', initial: true },
      { kind: 'text', name: 'officeCode' },
      { kind: 'text', name: 'symbol' },
      { kind: 'date', name: 'effectiveDate' },
    ],
  }),
  command({
    id: 'remuneration',
    method: 'POST',
    path: '/members/{memberId}/remuneration-revisions',
    specs: [
      { kind: 'month', name: 'effectiveFrom', hint: 'hint.month' },
      { kind: 'select', name: 'kind', enumGroup: 'revisionKind', options: ['periodic', 'occasional', 'other'] },
      { kind: 'number', name: 'monthlyRemuneration', optional: true, hint: 'hint.remunerationOrGrade' },
      { kind: 'number', name: 'grade', optional: true },
    ],
  }),
  command({
    id: 'card-linkage',
    method: 'POST',
    path: '/members/{memberId}/card-linkage',
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'linkedOn' },
    ],
  }),
  command({
    id: 'card-cancellation',
    method: 'POST',
    path: '/members/{memberId}/card-linkage/cancellation',
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'requestedOn' },
    ],
  }),
  command({
    id: 'certificate-expiry',
    method: 'POST',
    path: '/members/{memberId}/certificate-expiries',
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'expiresOn' },
    ],
  }),
  command({
    id: 'name-change',
    method: 'POST',
    path: '/members/{memberId}/name-changes',
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'text', name: 'name', label: 'field.newName' },
      { kind: 'text', name: 'nameKana', label: 'field.newNameKana', hint: 'hint.kana' },
      { kind: 'date', name: 'effectiveDate', label: 'field.changedOn' },
    ],
  }),
  command({
    id: 'address-change',
    method: 'POST',
    path: '/members/{memberId}/address-changes',
    specs: [
      { kind: 'text', name: 'postalCode', hint: 'hint.postalCode' },
      { kind: 'text', name: 'address' },
      { kind: 'date', name: 'effectiveDate', label: 'field.changedOn' },
    ],
  }),
  command({
    id: 'cancellation',
    method: 'POST',
    path: '/members/{memberId}/cancellations',
    specs: [
      {
        kind: 'select',
        name: 'target',
        enumGroup: 'cancellationTarget',
        options: ['acquisition', 'loss', 'job-change', 'dependant-recognition', 'dependant-removal'],
      },
      {
        kind: 'dependant',
        name: 'dependantId',
        showIf: when('target', 'dependant-recognition', 'dependant-removal'),
      },
      { kind: 'textarea', name: 'reason', label: 'field.cancellationReason' },
    ],
  }),
  command({
    id: 'eligibility-document',
    method: 'POST',
    path: '/members/{memberId}/eligibility-documents',
    specs: [
      { kind: 'person', name: 'personId' },
      {
        kind: 'select',
        name: 'reason',
        label: 'field.documentReason',
        enumGroup: 'documentApplication',
        options: ['card-lost', 'card-renewal', 'needs-assistance'],
      },
    ],
  }),
  command({
    id: 'eligibility-document-return',
    method: 'POST',
    path: '/members/{memberId}/eligibility-documents/returns',
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'select', name: 'outcome', enumGroup: 'documentReturn', options: ['returned', 'not-returned'] },
      { kind: 'date', name: 'on', label: 'field.returnOn' },
    ],
  }),
  command({
    id: 'loss',
    method: 'POST',
    path: '/members/{memberId}/loss-of-eligibility',
    specs: [
      {
        kind: 'select',
        name: 'reason',
        enumGroup: 'lossReason',
        options: ['retirement', 'death', 'age-75', 'other-insurer', 'other'],
      },
      { kind: 'date', name: 'lastWorkingDay', showIf: when('reason', 'retirement') },
      { kind: 'date', name: 'dateOfDeath', showIf: when('reason', 'death') },
      { kind: 'date', name: 'lossDate', showIf: when('reason', 'other-insurer', 'other') },
      { kind: 'textarea', name: 'note', optional: true },
    ],
  }),
  command({
    id: 'voluntary-continuation',
    method: 'POST',
    path: '/members/{memberId}/voluntary-continuation',
    specs: [{ kind: 'date', name: 'applicationDate' }],
  }),
  command({
    id: 'voluntary-continuation-end',
    method: 'POST',
    path: '/members/{memberId}/voluntary-continuation/end',
    specs: [
      {
        kind: 'select',
        name: 'reason',
        enumGroup: 'continuationEnd',
        options: ['two-years-elapsed', 'death', 'premium-unpaid', 'insured-elsewhere', 'age-75', 'own-request'],
      },
      {
        kind: 'date',
        name: 'date',
        label: 'field.endDate',
        showIf: when('reason', 'death', 'premium-unpaid', 'insured-elsewhere', 'own-request'),
      },
    ],
  }),
];

export const DEPENDANT_REMOVAL = checked<BodyOf<'/members/{memberId}/dependants/{dependantId}/removal', 'post'>>()([
  {
    kind: 'select',
    name: 'reason',
    enumGroup: 'removalReason',
    options: ['income-exceeded', 'employment', 'death', 'age-75', 'separation', 'divorce', 'residence', 'other'],
  },
  { kind: 'date', name: 'lossDate', optional: true },
]);

/** PUT /payouts/{payoutId}/account: the account a held payout is paid to, and why (recorded with the clerk). */
export const PAYOUT_RELEASE = checked<BodyOf<'/payouts/{payoutId}/account', 'put'>>()([
  ...accountFields(''),
  { kind: 'textarea', name: 'reason', hint: 'hint.releaseReason' },
]);
