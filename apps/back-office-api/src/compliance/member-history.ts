import { type RecordedEvent, ValidationError } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import type { IndividualNumberVault } from '@kenpo/security';
import { maskPersonalData, maskStreamId, numberRefsIn } from './masking.js';

/** One line of a member's history: what happened, who did it, when, why, with personal data masked. */
export interface HistoryEntry {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  eventId: string;
  actor: string | null;
  role: string | null;
  recordedAt: string;
  effectiveDate: string | null;
  reason: string | null;
  correlationId: string | null;
  causationId: string | null;
  schemaVersion: number | null;
  data: unknown;
}

export interface HistoryPage {
  memberId: string;
  items: HistoryEntry[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Where a page stopped, and the member's own streams then known (kept so that the cursors issued before the per-member
 * index still decode; the streams are found again from the index).
 */
interface Cursor {
  after: number;
  streams: string[];
}

/** Streams that belong to one member once their first event names it; registry streams are shared, so only matching events count. */
const OWNED_STREAM = /^(claim|payout)-/;

export const HISTORY_DEFAULT_LIMIT = 100;
export const HISTORY_MAX_LIMIT = 1_000;

function encode(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decode(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      Number.isInteger(parsed.after) &&
      Array.isArray(parsed.streams) &&
      parsed.streams.every((s) => typeof s === 'string')
    ) {
      return { after: parsed.after!, streams: parsed.streams };
    }
  } catch {
    /* reported below */
  }
  throw ValidationError.of('cursor', 'format', 'cursor is not one this endpoint issued');
}

export function historyEntryOf(event: RecordedEvent, masks: ReadonlyMap<string, string>): HistoryEntry {
  const m = event.metadata;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    position: event.position,
    streamId: maskStreamId(event.streamId),
    revision: event.revision,
    type: event.type,
    eventId: m.eventId,
    actor: m.actor?.id ?? null,
    role: m.actor?.role ?? null,
    recordedAt: m.recordedAt,
    effectiveDate: text(m.effectiveDate),
    reason: text(m.reason),
    correlationId: text(m.correlationId),
    causationId: text(m.causationId),
    schemaVersion: typeof m.schemaVersion === 'number' ? m.schemaVersion : null,
    data: maskPersonalData(event.data, masks),
  };
}

/**
 * Every event of a member's streams in log order: `member-<id>`, its `claim-…` and `payout-…` streams (from the
 * first event that names the member on), and the registry events that name the member (Individual Number claimed,
 * 番号 allocated). Read through the store's per-member index (`readNamingMember`) and the member's own streams, so
 * its cost follows the member's events, not the log's (issue 16.4); what it returns is what a scan of the whole log
 * for those events returned.
 */
export async function memberHistory(
  store: EventStore,
  vault: Pick<IndividualNumberVault, 'maskedNumbers'>,
  memberId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<HistoryPage> {
  const limit = options.limit ?? HISTORY_DEFAULT_LIMIT;
  const start = options.cursor ? decode(options.cursor) : { after: -1, streams: [`member-${memberId}`] };
  if (!store.indexesMembers) return scannedHistory(store, vault, memberId, start, limit);
  const after = start.after;
  const named = await store.readNamingMember(memberId);
  // A claim or payout stream is the member's from its first event that names them: its later events (a withdrawal,
  // a settlement) name nobody.
  const owned = new Map<string, number>();
  for (const event of named)
    if (OWNED_STREAM.test(event.streamId) && !owned.has(event.streamId)) owned.set(event.streamId, event.position);
  const streams = [`member-${memberId}`, ...owned.keys()];
  const byPosition = new Map<number, RecordedEvent>();
  for (const event of named) if (event.position > after) byPosition.set(event.position, event);
  for (const streamId of streams) {
    const since = Math.max(after + 1, owned.get(streamId) ?? 0);
    for (const event of await store.readStreamOrEmpty(streamId))
      if (event.position >= since) byPosition.set(event.position, event);
  }
  const ordered = [...byPosition.values()].sort((a, b) => a.position - b.position);
  const found = ordered.slice(0, limit);
  return pageOf(vault, memberId, found, ordered.length > limit ? { after: found.at(-1)!.position, streams } : null);
}

async function pageOf(
  vault: Pick<IndividualNumberVault, 'maskedNumbers'>,
  memberId: string,
  found: readonly RecordedEvent[],
  next: Cursor | null,
): Promise<HistoryPage> {
  const masks = await vault.maskedNumbers(found.flatMap((e) => numberRefsIn(e.data)));
  const items = found.map((event) => historyEntryOf(event, masks));
  return next ? { memberId, items, nextCursor: encode(next) } : { memberId, items };
}

/**
 * The same history from a scan of the log after the cursor, for a store without a per-member index (EventStoreDB):
 * a claim or payout stream is recognised by its first event, and the streams known so far travel in the cursor.
 */
async function scannedHistory(
  store: EventStore,
  vault: Pick<IndividualNumberVault, 'maskedNumbers'>,
  memberId: string,
  start: Cursor,
  limit: number,
): Promise<HistoryPage> {
  const streams = new Set(start.streams);
  const found: RecordedEvent[] = [];
  let after = start.after;
  for await (const page of store.readAllPages({ after, pageSize: 1_000 })) {
    for (const event of page) {
      const namesMember = (event.data as { memberId?: unknown }).memberId === memberId;
      if (namesMember && OWNED_STREAM.test(event.streamId)) streams.add(event.streamId);
      if (namesMember || streams.has(event.streamId)) {
        if (found.length === limit) return pageOf(vault, memberId, found, { after, streams: [...streams] });
        found.push(event);
      }
      after = event.position;
    }
  }
  return pageOf(vault, memberId, found, null);
}
