import type { DependantRemovalCancelled, EligibilityLossCancelled, JobChangeCancelled } from '../member.events.js';
import type { DependantState, MemberState, PersonState } from '../member.state.js';

/** Coverage that ended on `lossDate` goes on; documents to be returned because of that loss count again. */
function reopen<P extends PersonState>(person: P, lossDate: string): P {
  return {
    ...person,
    coverage: person.coverage.map((c) => (c.until === lossDate ? { ...c, until: null } : c)),
    documents: person.documents.map((d) =>
      d.returnRequested?.lossDate === lossDate && d.returnRequested.reason === 'eligibility-lost'
        ? { ...d, returnRequested: null }
        : d,
    ),
  };
}

function reopenDependant(dependant: DependantState, lossDate: string): DependantState {
  return { ...reopen(dependant, lossDate), status: 'active', removal: null };
}

/** 取消 of a loss (or of the end of voluntary continuation): as if it had never been recorded. */
export function applyLossCancelled(state: MemberState, d: EligibilityLossCancelled['data']): MemberState {
  const dependants = state.dependants.map((dep) =>
    d.dependantIds.includes(dep.dependantId) ? reopenDependant(dep, d.lossDate) : dep,
  );
  const insured = reopen(state.insured!, d.lossDate);
  if (d.voluntaryContinuation) {
    const vc = state.voluntaryContinuation!;
    return {
      ...state,
      insured,
      dependants,
      status: 'voluntary-continuation',
      voluntaryContinuation: { ...vc, end: null },
    };
  }
  return { ...state, insured, dependants, status: 'active', loss: null };
}

export function applyJobChangeCancelled(state: MemberState, d: JobChangeCancelled['data']): MemberState {
  const { officeCode, symbol, number } = d;
  return { ...state, identifiers: { officeCode, symbol, number }, transfers: (state.transfers ?? []).slice(0, -1) };
}

export function applyDependantRemovalCancelled(state: MemberState, d: DependantRemovalCancelled['data']): MemberState {
  return {
    ...state,
    dependants: state.dependants.map((dep) =>
      dep.dependantId === d.dependantId ? reopenDependant(dep, d.lossDate) : dep,
    ),
  };
}

/** 取消 of the enrollment: nobody of this member was ever covered. */
export function applyEnrollmentCancelled(state: MemberState): MemberState {
  return {
    ...state,
    status: 'cancelled',
    insured: { ...state.insured!, coverage: [] },
    dependants: state.dependants.map((dep) => ({ ...dep, coverage: [] })),
  };
}
