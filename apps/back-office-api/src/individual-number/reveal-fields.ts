import { isUuid } from '@kenpo/kernel';
import { type IndividualNumberPurpose, isIndividualNumberPurpose } from '@kenpo/security';

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
