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
  /** The lifecycle run issues the next 資格確認書 this many days before the current one expires (society's choice). */
  documentRenewalDays: number;
  /**
   * MM-DD: each year from this day the active dependants are listed for the re-check (被扶養者資格の再確認). Societies
   * choose the date; domain.md 3.3 names the yearly check but no date (UNCONFIRMED, hence configurable).
   */
  dependantReviewDay: string;
}

export const defaultMembershipSettings: MembershipSettings = {
  eligibilityDocumentValidityMonths: MAX_DOCUMENT_VALIDITY_MONTHS,
  certificateGraceMonths: 3,
  documentRenewalDays: 60,
  dependantReviewDay: '06-01',
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
  if (!Number.isInteger(settings.documentRenewalDays) || settings.documentRenewalDays < 0) {
    throw ValidationError.of('documentRenewalDays', 'range', 'must be a whole number of days, 0 or more');
  }
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/.test(settings.dependantReviewDay)) {
    throw ValidationError.of('dependantReviewDay', 'month_day', 'must be MM-DD, a day from 01 to 28');
  }
  return settings;
}
