import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// /health through the typed client; supertest for what the spec cannot express (unknown routes, malformed JSON).
import request from 'supertest';
import { anonymousApi, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';

describe('GET /health (issue 2: event store, read store and Redis)', () => {
  let system: TestBackOffice;
  beforeAll(async () => {
    system = await startTestBackOffice();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers 200 with every component up', async () => {
    const res = expectStatus(await (await anonymousApi(system)).GET('/health'), 200).data;
    expect(res.status).toBe('ok');
    expect(res.info!.eventStore!.status).toBe('up');
    expect(res.info!.readStore!.status).toBe('up');
    expect(res.info!.redis!.status).toBe('up');
  });

  it('answers unknown routes with problem+json (401 without a token, 404 with one)', async () => {
    await request(system.http).get('/no-such-route').expect(401);
    const res = await request(system.http)
      .get('/no-such-route')
      .set('authorization', `Bearer ${await system.token('clerk')}`)
      .expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(404);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const res = await request(system.http)
      .post('/members')
      .set('authorization', `Bearer ${await system.token('clerk')}`)
      .set('content-type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
