/** The answers the console reads, as the API sends them today (until the generated client replaces these). */
export type Role = 'clerk' | 'approver' | 'payment-operator' | 'compliance-officer' | 'admin';
export const ROLES: Role[] = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'];

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface CommandAnswer {
  revision: number;
  position: number;
  events: string[];
  memberId?: string;
  dependantId?: string;
  claimId?: string;
}

export interface CoveragePeriod {
  from: string;
  until: string | null;
}

export interface EligibilityDocument {
  issuedOn: string;
  validFrom: string;
  validUntil: string;
  reason: string;
  returnRequested: { requestedOn: string; lossDate: string } | null;
}

export interface Person {
  personId: string;
  branch: string;
  name: string;
  nameKana: string;
  dateOfBirth: string;
  sex: string;
  individualNumber: string;
  coverage: CoveragePeriod[];
  card: {
    linkedOn: string | null;
    cancellation: { requestedOn: string; effectiveOn: string } | null;
    certificate: { expiresOn: string; usableUntil: string } | null;
  };
  documents: EligibilityDocument[];
}

export interface Dependant extends Person {
  dependantId: string;
  relationship: string;
  status: 'active' | 'removed';
  recognizedFrom: string;
  expectedAnnualIncome: number;
  sameHousehold: boolean;
  removal: { reason: string; lossDate: string } | null;
}

export interface Remuneration {
  grade: number;
  standardMonthlyRemuneration: number;
  effectiveFrom: string;
  kind: string;
  reportedRemuneration?: number;
}

export interface Account {
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
  holderName: string;
}

export interface MemberSummary {
  memberId: string;
  status: string;
  revision: number;
  identifiers: { officeCode: string; symbol: string; number: string } | null;
  identifierHistory: { officeCode: string; symbol: string; number: string; from: string }[];
  acquisitionDate: string | null;
  postalCode: string | null;
  address: string | null;
  loss: { reason: string; lossDate: string } | null;
  voluntaryContinuation: {
    startDate: string;
    latestLossDate: string;
    end: { reason: string; lossDate: string } | null;
  } | null;
  remunerationHistory: Remuneration[];
  insured: Person | null;
  dependants: Dependant[];
  account: Account | null;
}

export interface MemberRow {
  memberId: string;
  name: string;
  nameKana: string;
  dateOfBirth: string;
  officeCode: string;
  symbol: string;
  number: string;
  status: string;
}

export interface Claim {
  claimId: string;
  memberId: string;
  personId: string;
  kind: string;
  status: string;
  amount: number;
  revision: number;
  submittedOn: string;
  submittedBy: string;
  payment: { method: string };
  approval: { by?: string; approvedBy?: string; on?: string } | null;
  rejection: { reason?: string } | null;
}

export interface BreakdownStep {
  step: string;
  value: number | string | null;
  formula?: string;
}

export interface ClaimDetail extends Claim {
  benefit: Record<string, unknown>;
  coverage: { covered: boolean };
  breakdown: { calculator: string; steps: BreakdownStep[]; notes: string[] } | null;
}

export interface Payout {
  payoutId: string;
  claimId: string;
  memberId: string;
  amount: number;
  status: string;
  hold: { reason: string; detail: string; heldOn: string } | null;
  runId: string | null;
  recordIndex: number | null;
  dueDate: string;
  returns: { reasonCode: string }[];
  /** The payout stream's revision: If-Match of PUT /payouts/{payoutId}/account */
  revision: number;
}

export interface PayoutRun {
  runId: string;
  status: string;
  transferDate: string | null;
  createdAt: string;
  fileName?: string;
  sha256?: string;
  count?: number;
  total?: number;
  instructed?: number;
  held?: number;
  accepted?: number;
  returned?: number;
  settledOn?: string | null;
  job?: { state: string; attemptsMade: number; failedReason: string | null };
}

export interface StatePerson {
  personId: string;
  role: 'insured' | 'dependant';
  relationship: string | null;
  name: string;
  coverage: CoveragePeriod[];
  coveredOn: boolean;
  document: string | null;
  individualNumber: string;
}

export interface MemberState {
  memberId: string;
  asOf: string;
  effectiveOn: string;
  known: boolean;
  revision: number;
  status: string;
  recordedStatus: string;
  identifiers: { symbol: string; number: string } | null;
  loss: { reason: string; lossDate: string } | null;
  standardRemuneration: Remuneration | null;
  persons: StatePerson[];
}

export interface HistoryEvent {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  actor: string;
  role: string;
  recordedAt: string;
  effectiveDate: string | null;
  reason: string | null;
  correlationId: string;
  data: Record<string, unknown>;
}

export interface Integrity {
  ok: boolean;
  checkedEvents: number;
  streams: number;
  lastPosition: number;
  checkedAt?: string;
  breaks: { streamId: string; revision: number; position: number; type: string; reason: string }[];
}

export interface RebuildCheck {
  id: string;
  projection: string;
  status: string;
  compared?: number;
  differences?: { id: string; kind: string }[];
}

export interface AccessRecord {
  type: string;
  actor: string;
  role: string;
  memberId: string;
  personId: string;
  purpose: string;
  at: string;
  outcome?: string;
  reason?: string | null;
}
