import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';

describe('GET /health when Redis is gone', () => {
  let system: TestBackOffice;
  beforeAll(async () => {
    system = await startTestBackOffice({ PROCESS_ROLES: 'api' });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('answers 503 naming the component that is down', async () => {
    await request(system.http).get('/health').expect(200);
    await system.redis.stop();
    const res = await request(system.http).get('/health').expect(503);
    expect(res.body.error.redis.status).toBe('down');
    expect(res.body.info.eventStore.status).toBe('up');
  });
});
