import {
  assertNoViolations,
  businessDate,
  gradeByNumber,
  gradeForRemuneration,
  gradeTableOn,
  RuleViolation,
  type Violation,
} from '@kenpo/kernel';
import type { RemunerationInput } from '../member.commands.js';
import type { RemunerationDecisionKind, StandardRemuneration } from '../member.events.js';

/** Maps the reported remuneration (or a grade given directly) to the grade table in force in `month` (domain.md 5). */
export function resolveRemuneration(
  field: string,
  input: RemunerationInput | undefined,
  month: string,
  kind: RemunerationDecisionKind,
): StandardRemuneration {
  const given = (input ?? {}) as Partial<{ monthlyRemuneration: unknown; grade: unknown }>;
  const hasAmount = given.monthlyRemuneration !== undefined && given.monthlyRemuneration !== null;
  const hasGrade = given.grade !== undefined && given.grade !== null;
  const violations: Violation[] = [];
  if (hasAmount === hasGrade) {
    violations.push({
      field,
      rule: 'one_of_remuneration_or_grade',
      message: 'give either monthlyRemuneration or grade',
    });
  } else if (
    hasAmount &&
    !(Number.isSafeInteger(given.monthlyRemuneration) && (given.monthlyRemuneration as number) >= 0)
  ) {
    violations.push({
      field: `${field}.monthlyRemuneration`,
      rule: 'integer_yen',
      message: 'must be a whole, non-negative number of yen',
    });
  } else if (hasGrade && !Number.isInteger(given.grade)) {
    violations.push({ field: `${field}.grade`, rule: 'integer', message: 'must be a whole grade number' });
  }
  assertNoViolations(violations);

  const table = gradeTableOn(businessDate(`${month}-01`));
  if (!table) throw RuleViolation.of(field, 'no_grade_table', `no standard remuneration table is held for ${month}`);
  if (hasAmount) {
    const amount = given.monthlyRemuneration as number;
    const g = gradeForRemuneration(table, amount);
    return {
      grade: g.grade,
      standardMonthlyRemuneration: g.amount,
      effectiveFrom: month,
      kind,
      reportedRemuneration: amount,
    };
  }
  const g = gradeByNumber(table, given.grade as number);
  if (!g) throw RuleViolation.of(`${field}.grade`, 'grade_range', `must be a grade from 1 to ${table.length}`);
  return {
    grade: g.grade,
    standardMonthlyRemuneration: g.amount,
    effectiveFrom: month,
    kind,
    reportedRemuneration: null,
  };
}
