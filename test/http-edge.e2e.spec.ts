import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Raw HTTP on purpose (supertest, sockets): the requests test the edge itself (headers, methods, encodings, framing),
// outside what the spec describes.
import request from 'supertest';
import { newId } from '@kenpo/kernel';
import { capturedLogLines, startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, eventCount } from './support/members.js';

/** Security headers on every answer (helmet), never X-Powered-By, never a cacheable answer. */
function expectEdgeHeaders(res: { headers: Record<string, string | undefined> }) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['cache-control']).toBe('no-store');
}

/** `{"a":{"a":…1…}}` with `depth` objects, written as text (JSON.stringify itself recurses). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** An enrollment whose address is `depth` objects deep (the body one level more). */
const enrollmentWithAddress = (depth: number): string =>
  JSON.stringify({ ...enrollment(), address: '@' }).replace('"@"', nested(depth));

/** Raw HTTP over a socket, for clients too slow for supertest to imitate: the text answered before the server closed. */
function rawExchange(port: number, send: (write: (text: string) => void) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => send((text) => socket.write(text)));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

function parseRaw(answer: string) {
  const [head, body] = answer.split('\r\n\r\n') as [string, string];
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, unknown> };
}

describe('the HTTP edge: order of work, parser errors, timeouts, headers (issues 14.7, 14.8)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let port: number;

  beforeAll(async () => {
    system = await startTestBackOffice({
      PROCESS_ROLES: 'api',
      RATE_LIMIT_PER_MINUTE: '0',
      HEADERS_TIMEOUT_MS: '2000', // a loaded machine stalled 500 ms before parsing the 9 MB post's headers
      REQUEST_TIMEOUT_MS: '5000', // long enough to upload 9 MB on a loaded machine
    });
    clerk = `Bearer ${await system.token('clerk')}`;
    await new Promise<void>((resolve) => system.http.listen(0, '127.0.0.1', resolve));
    port = (system.http.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await system?.close();
  });

  const postJson = (path: string, text: string, contentType = 'application/json') =>
    request(system.http).post(path).set('authorization', clerk).set('content-type', contentType).send(text);

  it('authenticates before reading the body: 9 MB without a valid token is 401, not 413', async () => {
    const huge = JSON.stringify({ ...enrollment(), note: 'x'.repeat(9 * 1024 * 1024) });
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const req = request(system.http).post('/members').set('content-type', 'application/json');
      const res = await (authorization ? req.set('authorization', authorization) : req).send(huge);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expectEdgeHeaders(res);
    }
  });

  it('refuses JSON nested deeper than 64 levels with 400 naming the path, before anything parses it', async () => {
    const before = await eventCount(system);
    for (const depth of [65, 5_000, 100_000]) {
      const res = await postJson('/members', enrollmentWithAddress(depth - 1));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('json_too_deep');
      expect(res.body.violations).toHaveLength(1);
      expect(res.body.violations[0]).toMatchObject({ rule: 'max_depth' });
      // The path of the first value too deep: the 65th object, under `address` and 63 `a`s.
      expect(res.body.violations[0].field).toBe(['address', ...Array<string>(63).fill('a')].join('.'));
      expectEdgeHeaders(res);
    }
    const arrays = await postJson('/medical-cost-records', `{"records":[{"x":${'['.repeat(70)}${']'.repeat(70)}}]}`);
    expect(arrays.status).toBe(400);
    expect(arrays.body.violations[0].field).toBe(`records.0.x${'.0'.repeat(61)}`);
    // 64 levels are still JSON we read: the DTO answers, not the depth limit.
    const deepest = await postJson('/members', enrollmentWithAddress(63));
    expect(deepest.status).toBe(400);
    expect(deepest.body.code).not.toBe('json_too_deep');
    expect(await eventCount(system)).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"individualNumber": "123456789018", "name": '],
    ['a bad escape', '{"name": "\\x41"}'],
    ['a number where a value is expected', '{"a": 01}'],
  ])('answers %s with our own 400 problem+json: no parser text, the security headers', async (_name, body) => {
    const res = await postJson('/members', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_json', detail: 'request body is not valid JSON' });
    expect(res.text).not.toMatch(/Unexpected|position|SyntaxError|JSON\.parse|123456789018/);
    expectEdgeHeaders(res);
  });

  it('answers an unsupported charset with 415 problem+json', async () => {
    const charset = await postJson('/members', '{}', 'application/json; charset=latin-9');
    expect(charset.status).toBe(415);
    expect(charset.text).not.toMatch(/LATIN-9/);
    expectEdgeHeaders(charset);
  });

  it('puts the edge headers on 401, 404, /queues and successful answers alike', async () => {
    expectEdgeHeaders(await request(system.http).get('/no-such-route').expect(401));
    expectEdgeHeaders(await request(system.http).get('/no-such-route').set('authorization', clerk).expect(404));
    expectEdgeHeaders(await request(system.http).get(`/members/${newId()}`).set('authorization', clerk).expect(404));
    expectEdgeHeaders(await request(system.http).get('/members').set('authorization', clerk).expect(200));
    expectEdgeHeaders(await request(system.http).get('/queues').expect(401));
    const health = await request(system.http).get('/health');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-powered-by']).toBeUndefined();
  });

  it('writes one log line per request: its id (echoed), method, path without the query, status and time', async () => {
    const from = capturedLogLines.length;
    const found = await request(system.http)
      .get('/members?limit=1')
      .set('authorization', clerk)
      .set('x-request-id', 'edge-1');
    const missing = await request(system.http).get('/no-such-route?x=1').set('authorization', clerk);
    expect([found.status, found.headers['x-request-id'], missing.status]).toEqual([200, 'edge-1', 404]);
    const generated = missing.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const requestLines = capturedLogLines
      .slice(from)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.req !== undefined);
    expect(requestLines).toEqual([
      expect.objectContaining({
        level: 30,
        req: { id: 'edge-1', method: 'GET', path: '/members' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      }),
      expect.objectContaining({
        level: 40,
        req: { id: generated, method: 'GET', path: '/no-such-route' },
        res: { statusCode: 404 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      }),
    ]);
  });

  it('lets the OpenAPI page be cached: it carries no personal data', async () => {
    const docs = await request(system.http).get('/docs-json').expect(200);
    expect(docs.headers['cache-control']).not.toBe('no-store');
  });

  it('answers 408 problem+json and closes a connection whose body does not arrive in time', async () => {
    const answer = await rawExchange(port, (write) =>
      write(
        `POST /members HTTP/1.1\r\nHost: x\r\nAuthorization: ${clerk}\r\nContent-Type: application/json\r\n` +
          `Content-Length: 1000\r\n\r\n{"name": "`,
      ),
    );
    const res = parseRaw(answer);
    expect(res.status).toBe(408);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 408, code: 'request_timeout' });
    expectEdgeHeaders(res);
  });

  it('answers 408 problem+json and closes a connection whose headers do not arrive in time', async () => {
    const answer = await rawExchange(port, (write) => write(`GET /members HTTP/1.1\r\nHost: x\r\n`));
    const res = parseRaw(answer);
    expect(res.status).toBe(408);
    expectEdgeHeaders(res);
  });
});

describe('every route is rate limited before authentication and body parsing (issue 14.7)', () => {
  let system: TestBackOffice;
  beforeAll(async () => {
    system = await startTestBackOffice({ PROCESS_ROLES: 'api,worker', RATE_LIMIT_PER_MINUTE: '3' });
  });
  // Its payment worker closes its queue, Redis and its stores: slow on a loaded machine, as the other apps' tests.
  afterAll(async () => {
    await system?.close();
  }, 90_000);

  it('counts unknown routes, /queues and unauthenticated requests, then answers 429 to all of them', async () => {
    expect((await request(system.http).get('/no-such-route')).status).toBe(401);
    expect((await request(system.http).get('/queues')).status).toBe(401);
    expect((await request(system.http).post('/members').send({})).status).toBe(401);
    const clerk = `Bearer ${await system.token('clerk')}`;
    for (const res of [
      await request(system.http).get('/queues'),
      await request(system.http).get('/no-such-route').set('authorization', clerk),
      await request(system.http)
        .post('/members')
        .set('authorization', clerk)
        .send({ note: 'x'.repeat(9 * 1024 * 1024) }),
    ]) {
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expectEdgeHeaders(res);
    }
  });
});
