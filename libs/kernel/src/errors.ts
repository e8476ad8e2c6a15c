/** One broken rule on one field: what a client needs to correct its input. Never carries personal data. */
export interface Violation {
  field: string;
  rule: string;
  message: string;
}

export type DomainErrorKind =
  'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rule_violation';

/**
 * A coded domain error. The platform's exception filter maps `kind` to an HTTP status
 * (validation 400, unauthorized 401, forbidden 403, not_found 404, conflict 409, gone 410, rule_violation 422)
 * and renders application/problem+json with `code` and `violations`.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly violations: readonly Violation[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  static of(field: string, rule: string, message: string): ValidationError {
    return new ValidationError('validation_failed', message, [{ field, rule, message }]);
  }
}
export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized' as const;
}
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}
export class GoneError extends DomainError {
  readonly kind = 'gone' as const;
}
/** A business rule refuses the command (HTTP 422). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule_violation' as const;
  static of(field: string, rule: string, message: string): RuleViolation {
    return new RuleViolation(rule, message, [{ field, rule, message }]);
  }
}

/** Throws a ValidationError with every collected violation, if any. */
export function assertNoViolations(violations: readonly Violation[]): void {
  if (violations.length > 0) {
    throw new ValidationError(
      'validation_failed',
      violations.map((v) => `${v.field}: ${v.message}`).join('; '),
      violations,
    );
  }
}
