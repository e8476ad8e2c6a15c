import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for a projection name the spec's enum forbids.
import request from 'supertest';
import { type ApiClient, apiAs, expectProblem, expectStatus, type Schemas } from './support/api.js';
import { memberSummaryProjection, PROJECTIONS, replayInto, type StoredView } from '@kenpo/read-models';
import { runCli, sleep } from './support/compliance.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, individualNumber } from './support/members.js';

describe('compliance: rebuild verification (issue 7)', () => {
  let system: TestBackOffice;
  let officer: string;
  let api: ApiClient;
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

  async function check(name: string) {
    const projection = name as Schemas['ReadModelDto']['projection'];
    const started = expectStatus(await api.POST('/compliance/rebuild-checks', { body: { projection } }), 202).data;
    expect(started).toMatchObject({ projection, status: 'running' });
    for (let i = 0; i < 200; i++) {
      const res = await api.GET('/compliance/rebuild-checks/{id}', { params: { path: { id: started.id } } });
      const result = expectStatus(res, 200).data;
      if (result.status !== 'running') return result;
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
    api = await apiAs(system, 'compliance-officer');
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
    const unknown = await api.GET('/compliance/rebuild-checks/{id}', {
      params: { path: { id: '0190a0b0-0000-7000-8000-000000000000' } },
    });
    expectProblem(unknown, 404);
    const admin = await apiAs(system, 'admin');
    expectProblem(await admin.POST('/compliance/rebuild-checks', { body: { projection: 'member_summary' } }), 403);
  });
});
