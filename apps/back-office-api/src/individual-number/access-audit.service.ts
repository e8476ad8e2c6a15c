import { Injectable } from '@nestjs/common';
import { eventIdFor, newId, type RecordedEvent } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { type AccessAuditEvent, accessAuditStream, ACCESS_AUDIT_EVENT_TYPES } from '@kenpo/security';

export interface AccessLogFilter {
  memberId?: string;
  actorId?: string;
  outcome?: 'revealed' | 'refused';
  /** Inclusive instant. */
  from: Date;
  /** Exclusive instant. */
  until: Date;
  limit: number;
  /** Only entries older than this global position (the previous page's nextCursor). */
  cursor?: number;
}

export interface AccessLogEntry {
  position: number;
  type: AccessAuditEvent['type'];
  outcome: 'revealed' | 'refused';
  at: string;
  actor: { id: string; role: string };
  memberId: string | null;
  personId: string | null;
  purpose: string | null;
  reason: string | null;
}

/** Appends access-audit events to the monthly streams and reads them back, newest first. */
@Injectable()
export class AccessAudit {
  constructor(private readonly store: EventStore) {}

  async record(event: AccessAuditEvent, correlationId?: string): Promise<void> {
    const commandId = newId();
    await this.store.append(
      accessAuditStream(event.data.at),
      [
        {
          type: event.type,
          data: event.data,
          metadata: {
            eventId: eventIdFor(commandId, 0),
            commandId,
            correlationId: correlationId ?? commandId,
            causationId: commandId,
            actor: event.data.actor,
            recordedAt: event.data.at,
            schemaVersion: 1,
          },
        },
      ],
      'any',
    );
  }

  async list(filter: AccessLogFilter): Promise<{ items: AccessLogEntry[]; nextCursor: number | null }> {
    const items: AccessLogEntry[] = [];
    for (const month of monthsBackwards(filter.from, filter.until)) {
      for (const event of await this.read(`access-audit-${month}`)) {
        if (filter.cursor !== undefined && event.position >= filter.cursor) continue;
        const entry = entryOf(event);
        if (entry && matches(entry, filter)) items.push(entry);
        if (items.length > filter.limit)
          return { items: items.slice(0, filter.limit), nextCursor: items[filter.limit - 1]!.position };
      }
    }
    return { items, nextCursor: null };
  }

  private read(streamId: string): Promise<RecordedEvent[]> {
    return this.store.readStreamOrEmpty(streamId, { direction: 'backwards' });
  }
}

function entryOf(event: RecordedEvent): AccessLogEntry | null {
  if (!ACCESS_AUDIT_EVENT_TYPES.includes(event.type as AccessAuditEvent['type'])) return null;
  const d = event.data as Partial<AccessAuditEvent['data']> & { reason?: string };
  const type = event.type as AccessAuditEvent['type'];
  return {
    position: event.position,
    type,
    outcome: type === 'IndividualNumberRevealed' ? 'revealed' : 'refused',
    at: d.at!,
    actor: d.actor!,
    memberId: d.memberId ?? null,
    personId: d.personId ?? null,
    purpose: d.purpose ?? null,
    reason: d.reason ?? null,
  };
}

function matches(entry: AccessLogEntry, filter: AccessLogFilter): boolean {
  const at = Date.parse(entry.at);
  return (
    at >= filter.from.getTime() &&
    at < filter.until.getTime() &&
    (filter.memberId === undefined || entry.memberId === filter.memberId) &&
    (filter.actorId === undefined || entry.actor.id === filter.actorId) &&
    (filter.outcome === undefined || entry.outcome === filter.outcome)
  );
}

/** UTC months (YYYY-MM) from the one holding `until` back to the one holding `from`. */
export function* monthsBackwards(from: Date, until: Date): Generator<string> {
  const last = new Date(until.getTime() - 1);
  let year = last.getUTCFullYear();
  let month = last.getUTCMonth();
  const stop = from.getUTCFullYear() * 12 + from.getUTCMonth();
  while (year * 12 + month >= stop) {
    yield `${year}-${String(month + 1).padStart(2, '0')}`;
    if (--month < 0) {
      month = 11;
      year--;
    }
  }
}
