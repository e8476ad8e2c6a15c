import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Raw requests on purpose (supertest): Individual Numbers hidden in paths, headers and fields, and the raw text of
// each answer and log line scanned for them.
import request from 'supertest';
import { newId } from '@kenpo/kernel';
import { capturedLogLines, startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enroll, enrollment, eventCount, individualNumber } from './support/members.js';

const number = individualNumber(9101);
const grouped = (separator: string) =>
  `${number.slice(0, 4)}${separator}${number.slice(4, 8)}${separator}${number.slice(8)}`;
/** Every written form of the test number: none may reach a log line or an answer. */
const forms = [number, grouped('-'), grouped(' ')];

describe('Individual Numbers in any written form are masked or refused (issue 14.10)', () => {
  let system: TestBackOffice;
  let clerk: string;
  beforeAll(async () => {
    system = await startTestBackOffice({ PROCESS_ROLES: 'api' });
    clerk = `Bearer ${await system.token('clerk')}`;
  });
  afterAll(async () => {
    await system?.close();
  });

  const leaks = (text: string) => forms.filter((form) => text.includes(form));

  it.each([
    ['grouped 4-4-4 with hyphens', `/members/${grouped('-')}`],
    ['grouped with spaces', `/members/${encodeURIComponent(grouped(' '))}`],
    ['after a hyphen', `/members/member-${number}`],
    ['inside a longer token', `/members/x${number}y/job-changes`],
  ])('masks a number typed into a URL %s: problem details and logs', async (_name, path) => {
    const lines = capturedLogLines.length;
    const res = await request(system.http).get(path).set('authorization', clerk);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(leaks(decodeURIComponent(res.text))).toEqual([]);
    expect(leaks(decodeURIComponent(capturedLogLines.slice(lines).join('\n')))).toEqual([]);
  });

  it('does not echo or log a request id carrying a number', async () => {
    const lines = capturedLogLines.length;
    const res = await request(system.http)
      .get(`/members/${newId()}`)
      .set('authorization', clerk)
      .set('x-request-id', `req-${number}`);
    expect(res.headers['x-request-id']).not.toContain(number);
    expect(leaks(capturedLogLines.slice(lines).join('\n'))).toEqual([]);
  });

  it.each([
    ['address', { address: `東京都千代田区1-1 (番号 ${grouped('-')})` }],
    ['name', { name: `山田 ${number}` }],
  ])(
    'refuses an Individual Number in the free-text field %s with 400 naming it, writing nothing',
    async (field, change) => {
      const before = await eventCount(system);
      const res = await request(system.http)
        .post('/members')
        .set('authorization', clerk)
        .send(enrollment({ individualNumber: individualNumber(9102), ...change }));
      expect(res.status).toBe(400);
      expect(res.body.violations).toEqual([expect.objectContaining({ field, rule: 'no_individual_number' })]);
      expect(leaks(res.text)).toEqual([]);
      expect(await eventCount(system)).toBe(before);
    },
  );

  it('refuses one in a reason or a note (kept in events for good) with 400 naming the field, writing nothing', async () => {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(9105) }));
    const before = await eventCount(system);
    for (const [path, body, field] of [
      ['cancellations', { target: 'acquisition', reason: `番号 ${grouped('-')} を誤って登録` }, 'reason'],
      ['loss-of-eligibility', { reason: 'other', lossDate: '2025-06-01', note: `本人 ${number}` }, 'note'],
    ] as const) {
      const res = await request(system.http)
        .post(`/members/${memberId}/${path}`)
        .set('authorization', clerk)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.violations).toEqual([expect.objectContaining({ field, rule: 'no_individual_number' })]);
      expect(leaks(res.text)).toEqual([]);
    }
    expect(await eventCount(system)).toBe(before);
  });

  it('refuses one in a nested holder name, and lets a 12-digit text with a wrong check digit through', async () => {
    const { memberId } = await enroll(system, enrollment({ individualNumber: individualNumber(9103) }));
    const account = { bankCode: '0001', branchCode: '001', accountType: 'ordinary', accountNumber: '1234567' };
    const refused = await request(system.http)
      .put(`/members/${memberId}/public-funds-account`)
      .set('authorization', clerk)
      .send({ ...account, holderName: `ﾔﾏﾀﾞ ${grouped(' ')}` });
    expect(refused.status).toBe(400);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({ field: 'holderName', rule: 'no_individual_number' }),
    ]);
    const notANumber = `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}`;
    const accepted = await request(system.http)
      .post('/members')
      .set('authorization', clerk)
      .send(enrollment({ individualNumber: individualNumber(9104), address: `東京都 ${notANumber}` }));
    expect(accepted.status).toBe(201);
  });
});
