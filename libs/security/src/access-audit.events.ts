import type { Actor, Event } from '@kenpo/kernel';
import type { IndividualNumberPurpose } from './individual-number-purposes.js';

/** Why a reveal was refused; codes only, so the record never carries what the caller typed. */
export type RevealRefusalReason =
  | 'role_not_allowed'
  | 'unknown_purpose'
  /** The body broke another rule: a missing or mistyped personId, a field that is not ours, no JSON object. */
  | 'invalid_request'
  | 'member_not_found'
  | 'person_not_found'
  | 'erased';

/**
 * Access-audit events (domain.md 9, technical measures: operation logs captured and searchable). They name who,
 * which member and person, why and when — never the number, not even its last digits.
 */
export type IndividualNumberRevealed = Event<
  'IndividualNumberRevealed',
  {
    memberId: string;
    personId: string;
    purpose: IndividualNumberPurpose;
    actor: Actor;
    at: string;
  }
>;
/** `memberId`/`personId`/`purpose` are null when what was sent is not a well-formed id or a listed purpose. */
export type IndividualNumberRevealRefused = Event<
  'IndividualNumberRevealRefused',
  {
    memberId: string | null;
    personId: string | null;
    purpose: IndividualNumberPurpose | null;
    actor: Actor;
    at: string;
    reason: RevealRefusalReason;
  }
>;
export type AccessAuditEvent = IndividualNumberRevealed | IndividualNumberRevealRefused;
export const ACCESS_AUDIT_EVENT_TYPES: readonly AccessAuditEvent['type'][] = [
  'IndividualNumberRevealed',
  'IndividualNumberRevealRefused',
];

/** One stream per UTC month (`access-audit-2025-04`): appends never contend on a member, listings read by period. */
export function accessAuditStream(at: string): string {
  return `access-audit-${at.slice(0, 7)}`;
}

/**
 * Deletion record (domain.md 9, [P99b]–[P99d]): what (the Individual Numbers of the member's insured person and
 * dependants, by making their data key unrecoverable), who, when and why; never the number itself.
 */
export type IndividualNumbersErased = Event<
  'IndividualNumbersErased',
  {
    memberId: string;
    what: 'individual-numbers-of-member-and-dependants';
    persons: { personId: string; kind: 'insured' | 'dependant' }[];
    method: 'data-key-destroyed';
    keyDestroyedAt: string;
    erasedBy: Actor;
    erasedAt: string;
    reason: string;
  }
>;

/** A stream of its own per member: the member decider and its history stay untouched by the erasure. */
export function erasureStream(memberId: string): string {
  return `individual-number-erasure-${memberId}`;
}
