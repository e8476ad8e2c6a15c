import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { memberSummaryProjection, PROJECTIONS, replayInto, type StoredView } from '@kenpo/read-models';
import { runCli, sleep } from './support/compliance.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

describe('compliance: rebuild verification (issue 7)', () => {
  let system: TestBackOffice;
  let officer: string;
  const members: string[] = [];
  const auth = () => ({ authorization: `Bearer ${officer}` });

  /** Plays the projector (not started here, so nothing moves under the test): feeds each live version to the head. */
  async function project(): Promise<void> {
    for (const projection of PROJECTIONS) {
      await system.documents.declare(projection.collection);
      const version = (await system.documents.activeVersion(projection.collection.name))!;
      await replayInto(system.documents, projection, (after) => system.events.readAllPages({ after }), { version });
    }
  }

  async function check(projection: string) {
    const started = await request(system.http)
      .post('/compliance/rebuild-checks')
      .set(auth())
      .send({ projection })
      .expect(202);
    expect(started.body).toMatchObject({ projection, status: 'running' });
    for (let i = 0; i < 200; i++) {
      const res = await request(system.http)
        .get(`/compliance/rebuild-checks/${started.body.id}`)
        .set(auth())
        .expect(200);
      if (res.body.status !== 'running') return res.body;
      await sleep(25);
    }
    throw new Error('rebuild check did not finish');
  }

  const live = async () => ({
    name: memberSummaryProjection.collection.name,
    version: (await system.documents.activeVersion('member_summary'))!,
  });

  beforeAll(async () => {
    system = await startTestBackOffice({ PROCESS_ROLES: 'api' });
    officer = await system.token('compliance-officer');
    for (let i = 0; i < 5; i++)
      members.push((await enroll(system, enrollment({ individualNumber: individualNumber(9001 + i) }))).memberId);
    await project();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('every projection rebuilt from the events matches its live version; the shadow is dropped', async () => {
    for (const projection of PROJECTIONS) {
      const before = await system.documents.versions(projection.collection.name);
      const result = await check(projection.name);
      expect(result).toMatchObject({ status: 'passed', differences: [], truncated: false });
      expect(result.through).toBe(await system.events.headPosition());
      expect(await system.documents.versions(projection.collection.name)).toEqual(before);
    }
    const summary = await check('member_summary');
    expect(summary.compared).toBe(members.length);
  });

  it('a live view that differs from the replay is reported by id and kind, never by content', async () => {
    const target = await live();
    const original = (await system.documents.get<StoredView<{ id: string; revision: number }>>(target, members[0]!))!;
    const removed = (await system.documents.get<StoredView<{ id: string }>>(target, members[1]!))!;
    await system.documents.put(target, { ...original, revision: original.revision + 7 });
    await system.documents.delete(target, members[1]!);
    await system.documents.put(target, { ...original, id: 'not-from-any-event' });
    try {
      const result = await check('member_summary');
      expect(result.status).toBe('failed');
      expect(result.differences).toEqual(
        expect.arrayContaining([
          { id: members[0], kind: 'different' },
          { id: members[1], kind: 'missing_in_live' },
          { id: 'not-from-any-event', kind: 'extra_in_live' },
        ]),
      );
      expect(result.differences).toHaveLength(3);
      const cli = await runCli(system.dataDir, 'replay', '--projection', 'member_summary');
      expect(cli.code).toBe(1);
      expect(JSON.parse(cli.stdout).differences).toHaveLength(3);
    } finally {
      await system.documents.delete(target, 'not-from-any-event');
      await system.documents.put(target, original);
      await system.documents.put(target, removed);
    }
    expect((await check('member_summary')).status).toBe('passed');
  });

  it('a live view updated past the checkpoint while the check runs is skipped, not reported', async () => {
    const target = await live();
    const original = (await system.documents.get<StoredView<{ id: string; revision: number }>>(target, members[2]!))!;
    await system.documents.put(target, {
      ...original,
      revision: 99,
      _position: (await system.events.headPosition()) + 1,
    });
    try {
      expect(await check('member_summary')).toMatchObject({ status: 'passed', skippedNewer: 1 });
    } finally {
      await system.documents.put(target, original);
    }
  });

  it('an unknown projection is 400 naming the known ones; an unknown check is 404; other roles 403', async () => {
    const res = await request(system.http)
      .post('/compliance/rebuild-checks')
      .set(auth())
      .send({ projection: 'nope' })
      .expect(400);
    expect(res.body.violations[0].message).toContain('member_summary');
    await request(system.http)
      .get('/compliance/rebuild-checks/0190a0b0-0000-7000-8000-000000000000')
      .set(auth())
      .expect(404);
    await request(system.http)
      .post('/compliance/rebuild-checks')
      .set({ authorization: `Bearer ${await system.token('admin')}` })
      .send({ projection: 'member_summary' })
      .expect(403);
  });
});
