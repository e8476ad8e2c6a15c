import type { Writable } from 'node:stream';
import type { RecordedEvent } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';

/** Recording-time period, from inclusive to exclusive. */
export interface ExportPeriod {
  from: Date;
  to: Date;
}

export interface ExportSummary {
  exported: number;
  scanned: number;
  /** Position of the last event scanned, -1 for an empty log. */
  lastPosition: number;
}

/** Writes one chunk and resolves when the destination can take more (back-pressure). */
export type ChunkWriter = (chunk: string) => Promise<void>;

export class ExportDestinationClosedError extends Error {
  constructor() {
    super('the export destination closed before the export ended');
    this.name = 'ExportDestinationClosedError';
  }
}

/**
 * One NDJSON line per event, exactly as stored: data and metadata with `previousHash` and `hash`, so an auditor
 * can recompute every chain (libs/event-store event-hash.ts). Individual Numbers are in the events only in their
 * protected form (vault ciphertext and keyed hash), never in clear; masking them here would break the hashes.
 */
export function ndjsonLine(event: RecordedEvent): string {
  const { position, streamId, revision, type, data, metadata } = event;
  return `${JSON.stringify({ position, streamId, revision, type, data, metadata })}\n`;
}

/**
 * Streams every event recorded in [from, to) in log order: one page of the log in memory at a time, and the next
 * page is read only once the destination has taken the previous one. The whole log is scanned because recording
 * times of different processes need not follow the log order exactly.
 */
export async function exportEvents(
  store: EventStore,
  period: ExportPeriod,
  write: ChunkWriter,
  options: { pageSize?: number; onPage?: (progress: { scanned: number; exported: number }) => void } = {},
): Promise<ExportSummary> {
  const from = period.from.getTime();
  const to = period.to.getTime();
  let exported = 0;
  let scanned = 0;
  let lastPosition = -1;
  for await (const page of store.readAllPages({ pageSize: options.pageSize ?? 1_000 })) {
    let chunk = '';
    for (const event of page) {
      const recordedAt = Date.parse(event.metadata.recordedAt);
      if (recordedAt >= from && recordedAt < to) {
        chunk += ndjsonLine(event);
        exported++;
      }
    }
    scanned += page.length;
    lastPosition = page.at(-1)!.position;
    if (chunk) await write(chunk);
    options.onPage?.({ scanned, exported });
  }
  return { exported, scanned, lastPosition };
}

/** A ChunkWriter over a Node stream (an HTTP response, a file) that honours `write()`'s answer and 'drain'. */
export function streamWriter(stream: Writable): ChunkWriter {
  return (chunk) =>
    new Promise<void>((resolve, reject) => {
      if (stream.destroyed || stream.writableEnded) return reject(new ExportDestinationClosedError());
      if (stream.write(chunk)) return resolve();
      const done = (error?: Error) => {
        stream.off('drain', onDrain).off('close', onClose).off('error', done);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ExportDestinationClosedError());
      stream.on('drain', onDrain).on('close', onClose).on('error', done);
    });
}
