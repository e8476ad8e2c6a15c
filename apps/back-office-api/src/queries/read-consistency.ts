import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ValidationError } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import { waitForPosition, type DocumentStore, type Projection, type WaitResult } from '@kenpo/read-models';

/** How long a query waits for the projector to reach the position asked for, before answering what it has. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

export const MIN_POSITION_HEADER = 'x-min-position';

/** `minPosition` from the query string or the X-Min-Position header (a command answer's `position`). */
export function parseMinPosition(query: unknown, header: unknown): number | undefined {
  const raw = query ?? header;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < -1) {
    throw ValidationError.of(
      'minPosition',
      'event_position',
      'minPosition must be an event position (an integer from -1)',
    );
  }
  return value;
}

export function minPositionParam(_: unknown, context: ExecutionContext): number | undefined {
  const request = context
    .switchToHttp()
    .getRequest<{ query: Record<string, unknown>; headers: Record<string, unknown> }>();
  return parseMinPosition(request.query.minPosition, request.headers[MIN_POSITION_HEADER]);
}

/** The requested minimum position of a request, if any (query parameter first, then header). */
export const MinPosition = createParamDecorator(minPositionParam);

export interface Consistency extends WaitResult {
  /** The position waited for (null: none asked). */
  wanted: number | null;
}

/**
 * Read-your-writes: waits (bounded) until the projection has applied `minPosition`; `'head'` means everything
 * committed before this request. After the timeout the query answers anyway, marked stale, rather than 503: a slightly
 * old view is more useful to a clerk than an error, and the lag shows on /health.
 */
export async function awaitPosition(
  documents: DocumentStore,
  events: EventStore,
  projection: Pick<Projection<any, any>, 'name' | 'collection'>,
  minPosition: number | 'head' | undefined,
  timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS,
): Promise<Consistency> {
  if (minPosition === undefined) return { reached: true, position: null, wanted: null };
  const wanted = minPosition === 'head' ? await events.headPosition() : minPosition;
  return { ...(await waitForPosition(documents, projection, wanted, { timeoutMs })), wanted };
}

/**
 * Response headers telling the client how fresh the answer is. Assigned, not spread from conditional objects: every
 * GET /eligibility asks, and V8 gives objects made of several spreads a map each (see verifyEligibility).
 */
export function consistencyHeaders(consistency: Consistency): Record<string, string> {
  const headers: Record<string, string> = {};
  if (consistency.position !== null) headers['X-Read-Model-Position'] = String(consistency.position);
  if (!consistency.reached) headers['X-Read-Model-Stale'] = 'true';
  return headers;
}
