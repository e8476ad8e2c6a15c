/** A domain event as deciders produce it: a past-tense type and plain JSON data. */
export type Event<Type extends string = string, Data = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Data;
}>;

export type Role = 'clerk' | 'approver' | 'payment-operator' | 'compliance-officer' | 'admin' | 'system';
export const ROLES: readonly Role[] = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'];

export interface Actor {
  id: string;
  role: Role;
}

/** Who, when and why: stored with every event (architecture.md 4). */
export interface EventMetadata {
  /** Deterministic from the command id and the event's index (`eventIdFor`). */
  eventId: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** ISO-8601 UTC instant the event was recorded. */
  recordedAt: string;
  schemaVersion: number;
  /** Business date the fact takes effect, where it differs from the recording date. */
  effectiveDate?: string;
  reason?: string;
  /** Tamper evidence: sha256 of the previous event of the stream and of this one (set by the store). */
  previousHash?: string;
  hash?: string;
  [key: string]: unknown;
}

/** An event about to be appended. */
export interface EventToAppend<E extends Event = Event> {
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
}

/** An event as read back from the store. Revisions and positions are plain numbers (safe below 2^53). */
export interface RecordedEvent<E extends Event = Event> {
  streamId: string;
  /** 0-based revision within its stream. */
  revision: number;
  /** Position in the store's global, ordered log; strictly increasing, not necessarily contiguous. */
  position: number;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
}
