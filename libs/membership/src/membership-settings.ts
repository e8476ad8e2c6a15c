import { ValidationError } from '@kenpo/kernel';
import { MAX_DOCUMENT_VALIDITY_MONTHS } from './reference/eligibility.js';

/** The society's own choices, passed to `createMemberDecider` from configuration. */
export interface MembershipSettings {
  /** 資格確認書 validity in months, 1 to 60 (domain.md 6.4: set by the insurer, at most 5 years). */
  eligibilityDocumentValidityMonths: number;
  /**
   * After the electronic certificate expires, the card still works until the end of this many months after the
   * month of expiry (domain.md 6.3, reading of [P73]; the boundary is partly UNCONFIRMED, hence configurable).
   */
  certificateGraceMonths: number;
}

export const defaultMembershipSettings: MembershipSettings = {
  eligibilityDocumentValidityMonths: MAX_DOCUMENT_VALIDITY_MONTHS,
  certificateGraceMonths: 3,
};

/** Fills defaults and refuses settings outside the statutory range. */
export function membershipSettings(overrides: Partial<MembershipSettings> = {}): MembershipSettings {
  const settings = { ...defaultMembershipSettings, ...overrides };
  const months = settings.eligibilityDocumentValidityMonths;
  if (!Number.isInteger(months) || months < 1 || months > MAX_DOCUMENT_VALIDITY_MONTHS) {
    throw ValidationError.of(
      'eligibilityDocumentValidityMonths',
      'range',
      `must be a whole number of months from 1 to ${MAX_DOCUMENT_VALIDITY_MONTHS}`,
    );
  }
  if (!Number.isInteger(settings.certificateGraceMonths) || settings.certificateGraceMonths < 0) {
    throw ValidationError.of('certificateGraceMonths', 'range', 'must be a whole number of months, 0 or more');
  }
  return settings;
}
