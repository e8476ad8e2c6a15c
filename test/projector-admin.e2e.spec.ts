import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, individualNumber } from './support/members.js';

describe('projector on /health and admin rebuilds (issue 4)', () => {
  let system: TestBackOffice;
  let admin: string;
  let clerk: string;
  let position = 0;

  beforeAll(async () => {
    system = await startTestBackOffice();
    admin = await system.token('admin');
    clerk = await system.token('clerk');
    for (let i = 0; i < 6; i++) {
      const res = await request(system.http)
        .post('/members')
        .set('authorization', `Bearer ${clerk}`)
        .send(enrollment({ individualNumber: individualNumber(6001 + i), nameKana: 'タナカ イチ' }))
        .expect(201);
      position = res.body.position;
    }
  });
  afterAll(async () => {
    await system?.close();
  });

  const health = async () => (await request(system.http).get('/health').expect(200)).body.info.projector;

  it('/health reports every projection live, with its version and no lag once caught up', async () => {
    const names = ['member_summary', 'member_search', 'eligibility'];
    const settled = (report: Record<string, { state: string; eventsBehind: number }>) =>
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
    const before = (
      await request(system.http)
        .get('/members')
        .set('authorization', `Bearer ${clerk}`)
        .query({ nameKana: 'タナカ', minPosition: position })
        .expect(200)
    ).body;
    expect(before.items).toHaveLength(6);
    const started = await request(system.http)
      .post('/admin/rebuilds')
      .set('authorization', `Bearer ${admin}`)
      .send({ projection: 'member_search' })
      .expect(202);
    expect(started.body).toMatchObject({ projection: 'member_search', state: 'running' });
    await request(system.http)
      .post('/admin/rebuilds')
      .set('authorization', `Bearer ${admin}`)
      .send({ projection: 'member_search' })
      .expect(409);
    let job = started.body;
    for (let i = 0; i < 200 && job.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (
        await request(system.http)
          .get(`/admin/rebuilds/${started.body.id}`)
          .set('authorization', `Bearer ${admin}`)
          .expect(200)
      ).body;
    }
    expect(job).toMatchObject({
      state: 'succeeded',
      result: { projection: 'member_search', version: 2, previous: 1, dropped: true },
    });
    expect(job.result.events).toBeGreaterThanOrEqual(6);
    expect(await system.documents.versions('member_search')).toEqual([2]);
    const after = (
      await request(system.http)
        .get('/members')
        .set('authorization', `Bearer ${clerk}`)
        .query({ nameKana: 'タナカ' })
        .expect(200)
    ).body;
    expect(after).toEqual(before);
    const list = await request(system.http).get('/admin/rebuilds').set('authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.items[0].id).toBe(started.body.id);
  });

  it('after the switch the live projector writes into the new version', async () => {
    const res = await request(system.http)
      .post('/members')
      .set('authorization', `Bearer ${clerk}`)
      .send(enrollment({ individualNumber: individualNumber(6100), nameKana: 'タナカ ニ' }))
      .expect(201);
    const found = await request(system.http)
      .get('/members')
      .set('authorization', `Bearer ${clerk}`)
      .query({ nameKana: 'タナカニ', minPosition: res.body.position })
      .expect(200);
    expect(found.body.items.map((i: { memberId: string }) => i.memberId)).toEqual([res.body.memberId]);
    expect(found.headers['x-read-model-stale']).toBeUndefined();
    expect((await health()).member_search).toMatchObject({ version: 2 });
  });

  it('only admins rebuild; unknown projections and bad bodies are 400', async () => {
    await request(system.http)
      .post('/admin/rebuilds')
      .set('authorization', `Bearer ${clerk}`)
      .send({ projection: 'member_search' })
      .expect(403);
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
