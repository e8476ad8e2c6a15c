/** An answer of the API that is not a success: application/problem+json (RFC 9457) with our violations. */
export interface Violation {
  field: string;
  rule: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string,
    readonly violations: Violation[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** If-Match did not match: someone changed the record since this page read it. */
  get stale(): boolean {
    return (
      this.status === 409 && (this.code === 'stale_revision' || this.violations.some((v) => v.field === 'If-Match'))
    );
  }

  /** From an answer that is not a success: its parsed problem+json, or its text. */
  static of(status: number, body: unknown, statusText = ''): ApiProblem {
    if (body && typeof body === 'object') {
      const problem = body as { code?: string; detail?: string; title?: string; violations?: Violation[] };
      return new ApiProblem(
        status,
        problem.code,
        problem.detail ?? problem.title ?? statusText,
        problem.violations ?? [],
      );
    }
    return new ApiProblem(status, undefined, typeof body === 'string' && body ? body : statusText);
  }
}

/** Violations by field path (e.g. `residence.inJapan`, `benefit.claimPeriod.from`), for showing next to inputs. */
export function violationsByField(
  problem: ApiProblem | null,
  text: (violation: Violation) => string = (v) => v.message,
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const v of problem?.violations ?? []) map.set(v.field, [...(map.get(v.field) ?? []), text(v)]);
  return map;
}
