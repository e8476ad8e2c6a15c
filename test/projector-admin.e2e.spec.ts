import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for projection names the spec forbids.
import request from 'supertest';
import { anonymousApi, type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, individualNumber } from './support/members.js';

describe('projector on /health and admin rebuilds (issue 4)', () => {
  let system: TestBackOffice;
  let admin: string;
  let adminApi: ApiClient;
  let clerk: ApiClient;
  let position = 0;

  beforeAll(async () => {
    system = await startTestBackOffice();
    admin = await system.token('admin');
    [adminApi, clerk] = [await apiAs(system, 'admin'), await apiAs(system, 'clerk')];
    for (let i = 0; i < 6; i++) {
      const body = enrollment({ individualNumber: individualNumber(6001 + i), nameKana: 'タナカ イチ' });
      position = expectStatus(await clerk.POST('/members', { body }), 201).data.position!;
    }
  });
  afterAll(async () => {
    await system?.close();
  });

  type ProjectorReport = Record<string, { state: string; eventsBehind: number; position: number }> & { status: string };
  const health = async () =>
    expectStatus(await (await anonymousApi(system)).GET('/health'), 200).data.info!.projector as ProjectorReport;

  it('/health reports every projection live, with its version and no lag once caught up', async () => {
    const names = ['member_summary', 'member_search', 'eligibility'];
    const settled = (report: ProjectorReport) =>
      names.every((name) => report[name]?.state === 'live' && report[name]?.eventsBehind === 0);
    let projector = await health();
    for (let i = 0; i < 100 && !settled(projector); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      projector = await health();
    }
    expect(projector.status).toBe('up');
    for (const name of names) {
      expect(projector[name]).toMatchObject({ state: 'live', eventsBehind: 0, secondsBehind: 0, version: 1 });
      expect(projector[name].position).toBeGreaterThanOrEqual(position);
    }
  });

  it('POST /admin/rebuilds replays into a new version and switches to it; the view answers the same; one at a time', async () => {
    const search = (query: { nameKana: string; minPosition?: string }) => clerk.GET('/members', { params: { query } });
    const before = expectStatus(await search({ nameKana: 'タナカ', minPosition: String(position) }), 200).data;
    expect(before.items).toHaveLength(6);
    const rebuild = () => adminApi.POST('/admin/rebuilds', { body: { projection: 'member_search' } });
    const started = expectStatus(await rebuild(), 202).data;
    expect(started).toMatchObject({ projection: 'member_search', state: 'running' });
    expectProblem(await rebuild(), 409);
    let job = started;
    for (let i = 0; i < 200 && job.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = expectStatus(
        await adminApi.GET('/admin/rebuilds/{id}', { params: { path: { id: started.id } } }),
        200,
      ).data;
    }
    expect(job).toMatchObject({
      state: 'succeeded',
      result: { projection: 'member_search', version: 2, previous: 1, dropped: true },
    });
    expect(job.result!.events).toBeGreaterThanOrEqual(6);
    expect(await system.documents.versions('member_search')).toEqual([2]);
    const after = expectStatus(await search({ nameKana: 'タナカ' }), 200).data;
    expect(after).toEqual(before);
    const list = expectStatus(await adminApi.GET('/admin/rebuilds'), 200).data;
    expect(list.items[0]!.id).toBe(started.id);
  });

  it('after the switch the live projector writes into the new version', async () => {
    const body = enrollment({ individualNumber: individualNumber(6100), nameKana: 'タナカ ニ' });
    const res = expectStatus(await clerk.POST('/members', { body }), 201).data;
    const found = await clerk.GET('/members', {
      params: { query: { nameKana: 'タナカニ', minPosition: String(res.position) } },
    });
    expect(expectStatus(found, 200).data.items.map((i) => i.memberId)).toEqual([res.memberId]);
    expect(found.response.headers.get('x-read-model-stale')).toBeNull();
    expect((await health()).member_search).toMatchObject({ version: 2 });
  });

  it('only admins rebuild; unknown projections and bad bodies are 400', async () => {
    expectProblem(await clerk.POST('/admin/rebuilds', { body: { projection: 'member_search' } }), 403);
    const unknown = await request(system.http)
      .post('/admin/rebuilds')
      .set('authorization', `Bearer ${admin}`)
      .send({ projection: 'nope' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_projection', violations: [{ field: 'projection' }] });
    await request(system.http)
      .post('/admin/rebuilds')
      .set('authorization', `Bearer ${admin}`)
      .send({ projection: 5 })
      .expect(400);
  });
});
