import { type Spec, when } from './spec';

/** A clerk command on a member: where it goes and what it asks. */
export interface MemberCommandSpec {
  id: string;
  method: 'POST' | 'PUT' | 'DELETE';
  path(memberId: string): string;
  specs: Spec[];
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

export const ACCOUNT_FIELDS = (prefix = ''): Spec[] => [
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
];

export const ENROLLMENT: Spec[] = [
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
];

export const MEMBER_COMMANDS: MemberCommandSpec[] = [
  {
    id: 'dependant',
    method: 'POST',
    path: (m) => `/members/${m}/dependants`,
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
  },
  {
    id: 'account',
    method: 'PUT',
    path: (m) => `/members/${m}/public-funds-account`,
    specs: ACCOUNT_FIELDS(),
  },
  {
    id: 'job-change',
    method: 'POST',
    path: (m) => `/members/${m}/job-changes`,
    specs: [
      { kind: 'checkbox', name: 'withinSociety', initial: true },
      { kind: 'text', name: 'officeCode' },
      { kind: 'text', name: 'symbol' },
      { kind: 'date', name: 'effectiveDate' },
    ],
  },
  {
    id: 'remuneration',
    method: 'POST',
    path: (m) => `/members/${m}/remuneration-revisions`,
    specs: [
      { kind: 'month', name: 'effectiveFrom', hint: 'hint.month' },
      { kind: 'select', name: 'kind', enumGroup: 'revisionKind', options: ['periodic', 'occasional', 'other'] },
      { kind: 'number', name: 'monthlyRemuneration', optional: true, hint: 'hint.remunerationOrGrade' },
      { kind: 'number', name: 'grade', optional: true },
    ],
  },
  {
    id: 'card-linkage',
    method: 'POST',
    path: (m) => `/members/${m}/card-linkage`,
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'linkedOn' },
    ],
  },
  {
    id: 'card-cancellation',
    method: 'POST',
    path: (m) => `/members/${m}/card-linkage/cancellation`,
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'requestedOn' },
    ],
  },
  {
    id: 'certificate-expiry',
    method: 'POST',
    path: (m) => `/members/${m}/certificate-expiries`,
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'date', name: 'expiresOn' },
    ],
  },
  {
    id: 'name-change',
    method: 'POST',
    path: (m) => `/members/${m}/name-changes`,
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'text', name: 'name', label: 'field.newName' },
      { kind: 'text', name: 'nameKana', label: 'field.newNameKana', hint: 'hint.kana' },
      { kind: 'date', name: 'effectiveDate', label: 'field.changedOn' },
    ],
  },
  {
    id: 'address-change',
    method: 'POST',
    path: (m) => `/members/${m}/address-changes`,
    specs: [
      { kind: 'text', name: 'postalCode', hint: 'hint.postalCode' },
      { kind: 'text', name: 'address' },
      { kind: 'date', name: 'effectiveDate', label: 'field.changedOn' },
    ],
  },
  {
    id: 'cancellation',
    method: 'POST',
    path: (m) => `/members/${m}/cancellations`,
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
  },
  {
    id: 'eligibility-document',
    method: 'POST',
    path: (m) => `/members/${m}/eligibility-documents`,
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
  },
  {
    id: 'eligibility-document-return',
    method: 'POST',
    path: (m) => `/members/${m}/eligibility-documents/returns`,
    specs: [
      { kind: 'person', name: 'personId' },
      { kind: 'select', name: 'outcome', enumGroup: 'documentReturn', options: ['returned', 'not-returned'] },
      { kind: 'date', name: 'on', label: 'field.returnOn' },
    ],
  },
  {
    id: 'loss',
    method: 'POST',
    path: (m) => `/members/${m}/loss-of-eligibility`,
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
  },
  {
    id: 'voluntary-continuation',
    method: 'POST',
    path: (m) => `/members/${m}/voluntary-continuation`,
    specs: [{ kind: 'date', name: 'applicationDate' }],
  },
  {
    id: 'voluntary-continuation-end',
    method: 'POST',
    path: (m) => `/members/${m}/voluntary-continuation/end`,
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
  },
];

export const DEPENDANT_REMOVAL: Spec[] = [
  {
    kind: 'select',
    name: 'reason',
    enumGroup: 'removalReason',
    options: ['income-exceeded', 'employment', 'death', 'age-75', 'separation', 'divorce', 'residence', 'other'],
  },
  { kind: 'date', name: 'lossDate', optional: true },
];

/** PUT /payouts/{payoutId}/account: the account a held payout is paid to, and why (recorded with the clerk). */
export const PAYOUT_RELEASE: Spec[] = [
  ...ACCOUNT_FIELDS(),
  { kind: 'textarea', name: 'reason', hint: 'hint.releaseReason' },
];
