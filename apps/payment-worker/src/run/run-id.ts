import { type BusinessDate, businessDate, japanDateOf, ValidationError } from '@kenpo/kernel';

const RUN_ID = /^run-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(?:-([0-9a-f]{8}))?$/;
const JST_OFFSET_MS = 9 * 3600 * 1000;

/**
 * `run-YYYYMMDD-HHmm[-xxxxxxxx]` in Japan time: readable, sortable, and the transfer date is its date. A scheduled
 * run has no suffix (one per scheduled minute); an operator's run has 8 hex digits (from its Idempotency-Key when
 * given), so two runs on one day are two runs.
 */
export function runIdAt(instant: Date, suffix?: string): string {
  if (suffix !== undefined && !/^[0-9a-f]{8}$/.test(suffix)) throw new Error('run id suffix must be 8 hex digits');
  const date = japanDateOf(instant).replaceAll('-', '');
  const jst = new Date(instant.getTime() + JST_OFFSET_MS);
  const hhmm = `${String(jst.getUTCHours()).padStart(2, '0')}${String(jst.getUTCMinutes()).padStart(2, '0')}`;
  return `run-${date}-${hhmm}${suffix ? `-${suffix}` : ''}`;
}

export function isRunId(value: unknown): value is string {
  return typeof value === 'string' && RUN_ID.test(value);
}

/** The run's transfer date (振込指定日): the Japan date the run was started for. */
export function transferDateOf(runId: string): BusinessDate {
  const match = RUN_ID.exec(runId);
  if (!match)
    throw ValidationError.of('runId', 'run_id', 'must look like run-YYYYMMDD-HHmm or run-YYYYMMDD-HHmm-xxxxxxxx');
  return businessDate(`${match[1]}-${match[2]}-${match[3]}`, 'runId');
}
