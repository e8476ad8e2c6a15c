import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '@kenpo/kernel';

export type EsdbModule = typeof import('@eventstore/db-client');

/**
 * Our `position` is the event's commit position in the $all log (a byte offset in the server's transaction file).
 * It is strictly increasing across the log and stays below 2^53 for any realistic log size. The prepare position is
 * not kept: the gRPC client writes each event as its own record, where commit and prepare positions are equal, so
 * `{ commit: p, prepare: p }` resumes a read or subscription exactly at a stored position.
 */
export function toEsdbPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/** Server-internal streams and event types ($-prefixed) never reach our readers. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** Undefined for link events, system events and non-JSON events, which are not ours. */
export function fromEsdb(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || isSystemEvent(event.streamId, event.type)) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit === undefined ? -1 : Number(commit),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as EventMetadata,
  };
}

/** The client reports failures as CommandErrors with a string `type`; matching on it avoids loading the module. */
export function errorType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}
