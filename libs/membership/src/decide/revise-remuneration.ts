import { assertNoViolations, RuleViolation, yearMonth } from '@kenpo/kernel';
import type { ReviseStandardRemuneration } from '../member.commands.js';
import { INSURED, type MemberEvent } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { requireEnrolled } from './context.js';
import { oneOf } from './fields.js';
import { resolveRemuneration } from './remuneration.js';

/** 定時決定 / 随時改定 (domain.md 5): a grade from a month on; the history is kept for benefit averages. */
export function reviseStandardRemuneration(command: ReviseStandardRemuneration, state: MemberState): MemberEvent[] {
  const d = command.data;
  assertNoViolations(oneOf('kind', d.kind, ['periodic', 'occasional', 'other']));
  const month = yearMonth(d.effectiveFrom, 'effectiveFrom');
  requireEnrolled(state);
  if (state.status !== 'active') {
    throw RuleViolation.of(
      'status',
      'not_active',
      'the standard monthly remuneration is revised only while the insured is active',
    );
  }
  if (month < state.acquisitionDate.slice(0, 7)) {
    throw RuleViolation.of('effectiveFrom', 'before_acquisition', 'must not be before the month of acquisition');
  }
  const revised = resolveRemuneration('remuneration', d.remuneration, month, d.kind);
  const current = state.remunerationHistory.find((e) => e.effectiveFrom === month);
  if (
    current &&
    current.grade === revised.grade &&
    current.kind === revised.kind &&
    current.reportedRemuneration === revised.reportedRemuneration
  )
    return [];
  return [{ type: 'StandardRemunerationRevised', data: { personId: INSURED, ...revised } }];
}
