import { protectedNumberOf } from '../individual-number.js';
import type {
  DependantRecognized,
  DependantRemovalReason,
  MemberEnrolled,
  PersonId,
  StandardRemuneration,
  VoluntaryContinuationStarted,
} from '../member.events.js';
import { initialState, type DependantState, type MemberState, type PersonState } from '../member.state.js';

const NO_CARD = { linkedOn: null, cancellation: null, certificate: null } as const;

export function applyEnrolled(d: MemberEnrolled['data']): MemberState {
  const insured: PersonState = {
    personId: d.personId,
    branch: d.branch,
    name: d.name,
    nameKana: d.nameKana,
    dateOfBirth: d.dateOfBirth,
    sex: d.sex,
    individualNumber: protectedNumberOf(d.individualNumber),
    coverage: [{ from: d.acquisitionDate, until: null }],
    card: { ...NO_CARD },
    documents: [],
    notificationsIssued: 0,
  };
  return {
    ...initialState(),
    status: 'active',
    memberId: d.memberId,
    identifiers: { officeCode: d.officeCode, symbol: d.symbol, number: d.number },
    acquisitionDate: d.acquisitionDate,
    postalCode: d.postalCode,
    address: d.address,
    insured,
    remunerationHistory: [d.standardRemuneration],
  };
}

export function applyRemuneration(state: MemberState, d: StandardRemuneration & { personId: PersonId }): MemberState {
  const { grade, standardMonthlyRemuneration, effectiveFrom, kind, reportedRemuneration } = d;
  const entry: StandardRemuneration = { grade, standardMonthlyRemuneration, effectiveFrom, kind, reportedRemuneration };
  // Revisions almost always come in month order: find the slot from the end instead of re-sorting the whole history
  // on every event, which made folding a long stream quadratic (bench: as-of). YYYY-MM strings sort as text.
  const prior = state.remunerationHistory;
  let slot = prior.length;
  while (slot > 0 && prior[slot - 1]!.effectiveFrom > effectiveFrom) slot--;
  const replaces = slot > 0 && prior[slot - 1]!.effectiveFrom === effectiveFrom;
  const history = [...prior.slice(0, replaces ? slot - 1 : slot), entry, ...prior.slice(slot)];
  return { ...state, remunerationHistory: history };
}

export function applyDependantRecognized(state: MemberState, d: DependantRecognized['data']): MemberState {
  const dependant: DependantState = {
    personId: d.personId,
    dependantId: d.dependantId,
    branch: d.branch,
    name: d.name,
    nameKana: d.nameKana,
    dateOfBirth: d.dateOfBirth,
    sex: d.sex,
    individualNumber: protectedNumberOf(d.individualNumber),
    coverage: [{ from: d.recognizedFrom, until: null }],
    card: { ...NO_CARD },
    documents: [],
    notificationsIssued: 0,
    relationship: d.relationship,
    status: 'active',
    recognizedFrom: d.recognizedFrom,
    expectedAnnualIncome: d.expectedAnnualIncome,
    sameHousehold: d.sameHousehold,
    monthlyRemittance: d.monthlyRemittance,
    residence: d.residence,
    disabled: d.disabled,
    removal: null,
  };
  const { [d.dependantId]: _refused, ...refusals } = state.refusals;
  return { ...state, dependants: [...state.dependants, dependant], refusals };
}

function closeCoverage<P extends PersonState>(person: P, lossDate: string): P {
  return { ...person, coverage: person.coverage.map((c) => (c.until === null ? { ...c, until: lossDate } : c)) };
}

export function applyDependantRemoved(
  state: MemberState,
  dependantId: string,
  reason: DependantRemovalReason | 'insured-lost',
  lossDate: string,
): MemberState {
  return {
    ...state,
    dependants: state.dependants.map((dep) =>
      dep.dependantId === dependantId
        ? { ...closeCoverage(dep, lossDate), status: 'removed' as const, removal: { reason, lossDate } }
        : dep,
    ),
  };
}

/** The insured's coverage ends on `lossDate`, and so does that of every listed dependant. */
export function applyLoss(state: MemberState, lossDate: string, dependantIds: readonly string[]): MemberState {
  let next: MemberState = { ...state, insured: closeCoverage(state.insured!, lossDate) };
  for (const id of dependantIds) next = applyDependantRemoved(next, id, 'insured-lost', lossDate);
  return next;
}

export function applyVoluntaryContinuationStarted(
  state: MemberState,
  d: VoluntaryContinuationStarted['data'],
): MemberState {
  const insured = state.insured!;
  return {
    ...state,
    status: 'voluntary-continuation',
    identifiers: { ...state.identifiers!, symbol: d.symbol, number: d.number },
    insured: { ...insured, coverage: [...insured.coverage, { from: d.startDate, until: null }] },
    voluntaryContinuation: {
      applicationDate: d.applicationDate,
      startDate: d.startDate,
      latestLossDate: d.latestLossDate,
      end: null,
    },
  };
}

/** Applies `change` to the insured (personId 'insured') or to the dependant with that id. */
export function updatePerson(
  state: MemberState,
  personId: PersonId,
  change: (p: PersonState) => PersonState,
): MemberState {
  if (state.insured && state.insured.personId === personId) return { ...state, insured: change(state.insured) };
  return {
    ...state,
    dependants: state.dependants.map((dep) => (dep.personId === personId ? { ...dep, ...change(dep) } : dep)),
  };
}
