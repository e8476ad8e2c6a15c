import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '@kenpo/kernel';
import { eligibilityFastPath, identifierPatterns } from './eligibility-fast-path.js';
import type { EligibilityLookup } from './eligibility.service.js';

const VALID = 'insurerNumber=06139992&symbol=4100&number=17&branch=00&date=2025-06-01';
const ANSWER = { insurerNumber: '06139992', covered: true };

/** Runs the middleware once; resolves with what it did: passed on to the route, or answered. */
function call(url: string, options: { actor?: Actor; method?: string; headers?: object; fails?: boolean } = {}) {
  const asked: unknown[] = [];
  const lookup = {
    answer: (question: unknown, minPosition: unknown) => {
      asked.push({ question, minPosition });
      return options.fails
        ? Promise.reject(new Error('not found'))
        : Promise.resolve({ answer: ANSWER, consistency: { reached: true, position: 41, wanted: 40 } });
    },
  } as unknown as EligibilityLookup;
  const request = {
    method: options.method ?? 'GET',
    url,
    headers: options.headers ?? {},
    actor: 'actor' in options ? options.actor : { id: 'u1', role: 'clerk' },
  } as unknown as IncomingMessage & { actor?: Actor };
  const headers: Record<string, unknown> = {};
  return new Promise<{ passed: boolean; status?: number; headers: typeof headers; body?: string; asked: unknown[] }>(
    (resolve) => {
      const response = {
        headersSent: false,
        destroyed: false,
        statusCode: 0,
        setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value),
        end(body: string) {
          resolve({ passed: false, status: response.statusCode, headers, body, asked });
        },
      } as unknown as ServerResponse;
      eligibilityFastPath(lookup)(request, response, () => resolve({ passed: true, headers, asked }));
    },
  );
}

describe('GET /eligibility fast path (issue 16.2)', () => {
  it('answers a well-formed request of a member reader with 200 JSON and the consistency headers', async () => {
    const done = await call(`/eligibility?${VALID}&minPosition=40`);
    expect(done).toMatchObject({ passed: false, status: 200 });
    expect(JSON.parse(done.body!)).toEqual(ANSWER);
    expect(done.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-read-model-position': '41',
    });
    expect(done.asked).toEqual([
      {
        question: expect.objectContaining({ symbol: '4100', number: '17', branch: '00', date: '2025-06-01' }),
        minPosition: 40,
      },
    ]);
    // The header asks for a position too, as on the route.
    expect((await call(`/eligibility?${VALID}`, { headers: { 'x-min-position': '7' } })).asked).toEqual([
      expect.objectContaining({ minPosition: 7 }),
    ]);
  });

  it.each([
    ['another path', `/eligibility/x?${VALID}`, {}],
    ['another method', `/eligibility?${VALID}`, { method: 'POST' }],
    ['a missing field', `/eligibility?${VALID.replace('&branch=00', '')}`, {}],
    ['an unknown field', `/eligibility?${VALID}&extra=1`, {}],
    ['a repeated field', `/eligibility?${VALID}&symbol=4100`, {}],
    ['a malformed symbol', `/eligibility?${VALID.replace('4100', '41-0')}`, {}],
    ['a malformed branch', `/eligibility?${VALID.replace('branch=00', 'branch=0')}`, {}],
    ['a date that is no calendar day', `/eligibility?${VALID.replace('2025-06-01', '2025-02-30')}`, {}],
    ['a malformed minPosition', `/eligibility?${VALID}&minPosition=x`, {}],
    ['a malformed X-Min-Position', `/eligibility?${VALID}`, { headers: { 'x-min-position': '1.5' } }],
    ['no actor', `/eligibility?${VALID}`, { actor: undefined }],
    ['a role that may not read members', `/eligibility?${VALID}`, { actor: { id: 's', role: 'system' } }],
  ])('leaves %s to the route, untouched', async (_, url, options) => {
    const done = await call(url, options as never);
    expect(done).toMatchObject({ passed: true, asked: [] });
    expect(done.headers).toEqual({});
  });

  it("takes the identifiers' patterns from the route's DTO", () => {
    expect(identifierPatterns()).toEqual({
      insurerNumber: /^\d{8}$/,
      symbol: /^[0-9A-Za-z]{1,8}$/,
      number: /^[0-9A-Za-z]{1,20}$/,
      branch: /^\d{2}$/,
    });
  });

  it('leaves a question the lookup refuses (unknown person, wrong check digit, failure) to the route', async () => {
    const done = await call(`/eligibility?${VALID}`, { fails: true });
    expect(done.passed).toBe(true);
    expect(done.asked).toHaveLength(1);
    expect(done.headers).toEqual({});
  });
});
