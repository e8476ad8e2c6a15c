import { isUuid, type Violation } from '@kenpo/kernel';
import {
  INDIVIDUAL_NUMBER_PURPOSE_CODES,
  type IndividualNumberPurpose,
  isIndividualNumberPurpose,
  maskIndividualNumbers,
} from '@kenpo/security';

const REVEAL_FIELDS = new Set(['personId', 'purpose']);

/**
 * The reveal body's rules, checked here rather than by the global DTO pipe so that a body refused for its shape is
 * audited like every other refused attempt (issue 14.5). Names the field and the rule, never the value; a field
 * name that is not ours is shown with any 12-digit run masked, since what was typed may be an Individual Number.
 */
export function revealBodyViolations(body: unknown): Violation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ field: 'body', rule: 'object', message: 'must be a JSON object with personId and purpose' }];
  const { personId, purpose, ...extra } = body as Record<string, unknown>;
  const violations: Violation[] = Object.keys(extra)
    .filter((key) => !REVEAL_FIELDS.has(key))
    .map((key) => ({
      field: maskIndividualNumbers(key).slice(0, 64),
      rule: 'unknown_field',
      message: 'is not a field of this request',
    }));
  if (personId === undefined)
    violations.push({ field: 'personId', rule: 'required', message: "is required: 'insured' or a dependantId" });
  else if (typeof personId !== 'string')
    violations.push({ field: 'personId', rule: 'string', message: "must be a string: 'insured' or a dependantId" });
  else if (personId.length < 1 || personId.length > 64)
    violations.push({ field: 'personId', rule: 'length', message: 'must be 1 to 64 characters' });
  if (!isIndividualNumberPurpose(purpose))
    violations.push({
      field: 'purpose',
      rule: 'statutory_purpose',
      message: `must be one of the statutory purposes (domain.md 9): ${INDIVIDUAL_NUMBER_PURPOSE_CODES.join(', ')}`,
    });
  return violations;
}

/** The body's fields as an audit record may keep them (see recordedFields). */
export function bodyFields(body: unknown): { personId: unknown; purpose: unknown } {
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { personId: record.personId, purpose: record.purpose };
}

/**
 * What an access-audit record keeps of a request: well-formed ids and listed purposes only. Anything else is
 * recorded as null, because what was typed there may itself be personal data (even an Individual Number).
 */
export function recordedFields(
  memberId: unknown,
  personId: unknown,
  purpose: unknown,
): {
  memberId: string | null;
  personId: string | null;
  purpose: IndividualNumberPurpose | null;
} {
  return {
    memberId: isUuid(memberId) ? memberId : null,
    personId: personId === 'insured' || isUuid(personId) ? personId : null,
    purpose: isIndividualNumberPurpose(purpose) ? purpose : null,
  };
}

export function correlationOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return isUuid(value) ? value : undefined;
}
