import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anonymousApi, expectStatus } from './support/api.js';
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
    const api = await anonymousApi(system);
    expectStatus(await api.GET('/health'), 200);
    await system.redis.stop();
    const res = await api.GET('/health');
    expect(res.response.status).toBe(503);
    // The 503 is the health report (documented as such), not a problem.
    const report = res.error!;
    if (!('info' in report)) throw new Error(`not a health report: ${JSON.stringify(report)}`);
    expect(report.error!.redis!.status).toBe('down');
    expect(report.info!.eventStore!.status).toBe('up');
  });
});
