import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, RecordedEvent } from '@kenpo/kernel';

/** `previousHash` of a stream's first event: there is no predecessor to link to. */
export const GENESIS_HASH = '';

/** What the hash covers. */
export interface HashableEvent {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  /** Must already carry `previousHash`; a `hash` member is ignored. */
  metadata: EventMetadata;
}

/**
 * sha256 (hex) over the RFC 8785 canonical JSON of {streamId, revision, type, data, metadata without `hash`}.
 * The stream id and revision are covered so an event cannot be moved to another stream or slot unnoticed;
 * the global position is not, because EventStoreDB assigns it only after the write. `previousHash` sits inside the
 * metadata, which is what links the chain. Deterministic: a retried append of the same events yields the same hashes.
 */
export function hashEvent(event: HashableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const text = canonicalize({
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
  });
  if (text === undefined) throw new Error('event is not serialisable to JSON');
  return hash('sha256', text, 'hex');
}

/** Returns the metadata to store: the caller's metadata plus `previousHash` and `hash`. */
export function chainMetadata(
  streamId: string,
  revision: number,
  type: string,
  data: unknown,
  metadata: EventMetadata,
  previousHash: string,
): EventMetadata {
  const linked: EventMetadata = { ...metadata, previousHash };
  delete linked.hash;
  return { ...linked, hash: hashEvent({ streamId, revision, type, data, metadata: linked }) };
}

export type ChainBreakReason =
  'missing_hash' | 'hash_mismatch' | 'previous_hash_mismatch' | 'revision_gap' | 'wrong_stream';

export interface ChainBreak {
  revision: number;
  position: number;
  reason: ChainBreakReason;
}

/**
 * Checks one stream's events (in revision order) against their hash chain and returns the first break, or null.
 * Pass `previousHash` to verify a slice that does not start at revision 0 (the hash of the event before it).
 */
export function verifyStreamChain(events: Iterable<RecordedEvent>, previousHash?: string): ChainBreak | null {
  let streamId: string | undefined;
  let expectedRevision: number | undefined;
  let expectedPrevious = previousHash;
  for (const event of events) {
    const at = (reason: ChainBreakReason): ChainBreak => ({
      revision: event.revision,
      position: event.position,
      reason,
    });
    streamId ??= event.streamId;
    if (event.streamId !== streamId) return at('wrong_stream');
    if (expectedRevision === undefined && expectedPrevious === undefined && event.revision === 0)
      expectedPrevious = GENESIS_HASH;
    if (expectedRevision !== undefined && event.revision !== expectedRevision) return at('revision_gap');
    const { hash, previousHash: linked } = event.metadata;
    if (typeof hash !== 'string' || typeof linked !== 'string') return at('missing_hash');
    if (expectedPrevious !== undefined && linked !== expectedPrevious) return at('previous_hash_mismatch');
    if (hashEvent(event) !== hash) return at('hash_mismatch');
    expectedPrevious = hash;
    expectedRevision = event.revision + 1;
  }
  return null;
}
