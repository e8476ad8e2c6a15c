import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { apiAs, expectStatus } from './support/api.js';
import { runCli as cli } from './support/compliance.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, eventCount, individualNumber } from './support/members.js';

describe('compliance: tamper evidence (issue 7)', () => {
  let system: TestBackOffice;
  let a: string;
  let b: string;

  beforeAll(async () => {
    system = await startTestBackOffice();
    ({ memberId: a } = await enroll(system, enrollment({ individualNumber: individualNumber(8001) })));
    ({ memberId: b } = await enroll(system, enrollment({ individualNumber: individualNumber(8002) })));
  });
  afterAll(async () => {
    await system?.close();
  });

  const integrity = async () =>
    expectStatus(await (await apiAs(system, 'compliance-officer')).GET('/compliance/integrity'), 200).data;

  /** A second connection to the store's file, as someone with file access would edit it. */
  function tamper(sql: string, ...params: unknown[]): void {
    const db = new Database(join(system.dataDir, 'events.db'));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  it('an untouched store verifies clean: every event checked, no break (HTTP and CLI)', async () => {
    const report = await integrity();
    expect(report).toMatchObject({ ok: true, breaks: [], checkedEvents: await eventCount(system) });
    expect(report.streams).toBeGreaterThanOrEqual(2);
    const run = await cli(system.dataDir, 'verify');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, checkedEvents: report.checkedEvents });
  });

  it('an edited event is detected and located: its stream, revision and position', async () => {
    const target = (await system.events.readStream(`member-${a}`)).find((e) => e.type === 'MemberEnrolled')!;
    tamper(
      `UPDATE events SET data = json_set(data, '$.dateOfBirth', '1999-01-01') WHERE position = ?`,
      target.position,
    );
    const report = await integrity();
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([
      {
        streamId: `member-${a}`,
        revision: target.revision,
        position: target.position,
        eventId: target.metadata.eventId,
        type: 'MemberEnrolled',
        reason: 'hash_mismatch',
      },
    ]);
    const run = await cli(system.dataDir, 'verify');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).breaks).toEqual(report.breaks);
  });

  it('a removed event breaks its stream at the next revision; a rewritten hash breaks the link after it', async () => {
    const events = await system.events.readStream(`member-${b}`);
    expect(events.length).toBeGreaterThanOrEqual(3);
    tamper('DELETE FROM events WHERE position = ?', events[1]!.position);
    let report = await integrity();
    expect(report.breaks).toContainEqual(
      expect.objectContaining({
        streamId: `member-${b}`,
        revision: 2,
        position: events[2]!.position,
        reason: 'revision_gap',
      }),
    );
    // Re-inserting a forged event with a hash recomputed by the forger cannot mend the chain: the next link points elsewhere.
    tamper(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
      VALUES (?, ?, 1, ?, 'EligibilityNotificationIssued', '{"personId":"insured"}', json_set(?, '$.hash', 'forged'), ?)`,
      events[1]!.position,
      `member-${b}`,
      events[1]!.metadata.eventId,
      JSON.stringify(events[1]!.metadata),
      events[1]!.metadata.recordedAt,
    );
    report = await integrity();
    expect(report.breaks).toContainEqual(
      expect.objectContaining({
        streamId: `member-${b}`,
        revision: 1,
        position: events[1]!.position,
        reason: 'hash_mismatch',
      }),
    );
    expect(report.breaks.filter((x: { streamId: string }) => x.streamId === `member-${b}`)).toHaveLength(1);
  });
});
