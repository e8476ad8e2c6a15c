import { coverageOn, type Coverage, type PersonState } from '@kenpo/membership';
import type { EligibilityDoc } from './eligibility.projection.js';
import type { MemberSummaryDoc } from './member-summary.projection.js';

export interface EligibilityQuestion {
  symbol: string;
  number: string;
  branch: string;
  date: string;
}

export interface EligibilityAnswer extends Coverage {
  memberId: string;
  personId: string;
  role: 'insured' | 'dependant';
  /** When these identifiers designated the person, around the date asked (null when not on that date). */
  identifiersInForce: { from: string; until: string | null } | null;
  /** Why not covered: the identifiers were not the person's on that date, or the person was not insured then. */
  reason: 'identifiers-not-in-force' | 'not-covered' | null;
}

/** The periods during which the member's 記号/番号 were `symbol`/`number`. */
function periodsOf(
  summary: MemberSummaryDoc,
  symbol: string,
  number: string,
): { from: string; until: string | null }[] {
  const history = summary.identifierHistory;
  return history.flatMap((entry, i) =>
    entry.symbol === symbol && entry.number === number
      ? [{ from: entry.from, until: history[i + 1]?.from ?? null }]
      : [],
  );
}

function personWithBranch(
  summary: MemberSummaryDoc,
  branch: string,
): { person: PersonState; role: 'insured' | 'dependant' } | null {
  const { insured, dependants } = summary.state;
  if (insured?.branch === branch) return { person: insured, role: 'insured' };
  const dependant = dependants.find((d) => d.branch === branch);
  return dependant ? { person: dependant, role: 'dependant' } : null;
}

const NOT_COVERED: Coverage = { covered: false, document: null };

/**
 * Every field named rather than `{ ...base, ...coverage, more }`: in optimized code, V8 (Node 20) gives each object
 * made by a spread followed by more properties a map of its own, garbage that outlives scavenges (issue 16.2).
 */
function answerOf(
  summary: MemberSummaryDoc,
  found: { person: PersonState; role: 'insured' | 'dependant' },
  coverage: Coverage,
  identifiersInForce: EligibilityAnswer['identifiersInForce'],
  reason: EligibilityAnswer['reason'],
): EligibilityAnswer {
  return {
    memberId: summary.memberId,
    personId: found.person.personId,
    role: found.role,
    covered: coverage.covered,
    document: coverage.document,
    identifiersInForce,
    reason,
  };
}

/**
 * オンライン資格確認 on a date (domain.md 2.3, 6): the person the 記号/番号/枝番 designate, and whether and by which
 * document they were covered that day. Null when the identifiers never designated anyone (unknown person).
 * A job change gives new identifiers; the old ones still answer for dates before it.
 */
export function verifyEligibility(
  index: EligibilityDoc | null,
  summaries: readonly MemberSummaryDoc[],
  question: EligibilityQuestion,
): EligibilityAnswer | null {
  if (index === null) return null;
  const { symbol, number, branch, date } = question;
  let outOfForce: EligibilityAnswer | null = null;
  for (const designation of index.designations) {
    const summary = summaries.find((s) => s.memberId === designation.memberId);
    const found = summary ? personWithBranch(summary, branch) : null;
    if (!summary || !found) continue;
    const period = periodsOf(summary, symbol, number).find(
      (p) => p.from <= date && (p.until === null || date < p.until),
    );
    if (!period) {
      outOfForce ??= answerOf(summary, found, NOT_COVERED, null, 'identifiers-not-in-force');
      continue;
    }
    const coverage = coverageOn(summary.state, found.person.personId, date);
    return answerOf(summary, found, coverage, period, coverage.covered ? null : 'not-covered');
  }
  return outOfForce;
}
