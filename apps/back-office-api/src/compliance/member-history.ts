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
 * Where a scan stopped and which streams it already knows to be the member's: a claim or payout stream is
 * recognised by its first event (it names the member), and its later events (e.g. a withdrawal, a settlement) are
 * found through this set. A member has a handful of such streams, so the cursor stays small.
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
 * Every event of a member's streams in log order: `member-<id>`, its `claim-…` and `payout-…` streams, and the
 * registry events that name the member (Individual Number claimed, 番号 allocated). A filtered scan of the log for now; a per-member stream index
 * (read model) would make it proportional to the member's events.
 */
export async function memberHistory(
  store: EventStore,
  vault: Pick<IndividualNumberVault, 'maskedNumbers'>,
  memberId: string,
  options: { cursor?: string; limit?: number; pageSize?: number } = {},
): Promise<HistoryPage> {
  const limit = options.limit ?? HISTORY_DEFAULT_LIMIT;
  const start = options.cursor ? decode(options.cursor) : { after: -1, streams: [`member-${memberId}`] };
  const streams = new Set(start.streams);
  const found: RecordedEvent[] = [];
  const pageOf = async (nextCursor?: string): Promise<HistoryPage> => {
    const masks = await vault.maskedNumbers(found.flatMap((e) => numberRefsIn(e.data)));
    const items = found.map((event) => historyEntryOf(event, masks));
    return nextCursor ? { memberId, items, nextCursor } : { memberId, items };
  };
  let after = start.after;
  for await (const page of store.readAllPages({ after, pageSize: options.pageSize ?? 1_000 })) {
    for (const event of page) {
      const namesMember = (event.data as { memberId?: unknown }).memberId === memberId;
      if (namesMember && OWNED_STREAM.test(event.streamId)) streams.add(event.streamId);
      if (namesMember || streams.has(event.streamId)) {
        if (found.length === limit) return pageOf(encode({ after, streams: [...streams] }));
        found.push(event);
      }
      after = event.position;
    }
  }
  return pageOf();
}
