import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, individualNumber } from './support/members.js';

describe('GET /members search (issue 4: member_search read model)', () => {
  let system: TestBackOffice;
  let clerk: string;
  const auth = () => ({ authorization: `Bearer ${clerk}` });
  const search = (query: Record<string, string | number>) =>
    request(system.http).get('/members').set(auth()).query(query);
  const people = [
    { seed: 5001, nameKana: 'ヤマダ タロウ', officeCode: 'OFF-A', symbol: '5100', dateOfBirth: '1980-01-01' },
    { seed: 5002, nameKana: 'ヤマダ　ハナコ', officeCode: 'OFF-A', symbol: '5100', dateOfBirth: '1982-02-02' },
    { seed: 5003, nameKana: 'ヤマモト ジロウ', officeCode: 'OFF-B', symbol: '5200', dateOfBirth: '1980-01-01' },
    { seed: 5004, nameKana: 'サトウ イチロウ', officeCode: 'OFF-B', symbol: '5200', dateOfBirth: '1990-03-03' },
  ];
  const ids: Record<number, { memberId: string; position: number }> = {};
  let lastPosition = 0;

  beforeAll(async () => {
    system = await startTestBackOffice();
    clerk = await system.token('clerk');
    for (const { seed, ...fields } of people) {
      const res = await request(system.http)
        .post('/members')
        .set(auth())
        .send(enrollment({ individualNumber: individualNumber(seed), ...fields }))
        .expect(201);
      ids[seed] = res.body;
      lastPosition = res.body.position;
    }
  });
  afterAll(async () => {
    await system?.close();
  });

  const memberIds = (body: { items: { memberId: string }[] }) => body.items.map((i) => i.memberId);

  it('finds by name kana prefix (spaces ignored), ordered by kana, reading its own writes via minPosition', async () => {
    const res = await search({ nameKana: 'ヤマダ', minPosition: lastPosition }).expect(200);
    expect(memberIds(res.body)).toEqual([ids[5001]!.memberId, ids[5002]!.memberId]);
    expect(res.body.items[0]).toMatchObject({
      nameKana: 'ヤマダ タロウ',
      officeCode: 'OFF-A',
      symbol: '5100',
      status: 'active',
      dateOfBirth: '1980-01-01',
    });
    expect(res.body.items[0]).not.toHaveProperty('nameKanaKey');
    expect(Number(res.headers['x-read-model-position'])).toBeGreaterThanOrEqual(lastPosition);
    expect(memberIds((await search({ nameKana: 'ヤマダハ' }).expect(200)).body)).toEqual([ids[5002]!.memberId]);
    expect(memberIds((await search({ nameKana: 'ヤマ' }).expect(200)).body)).toHaveLength(3);
  });

  it('filters by office, 記号+番号, date of birth, and combinations', async () => {
    expect(new Set(memberIds((await search({ officeCode: 'OFF-B' }).expect(200)).body))).toEqual(
      new Set([ids[5003]!.memberId, ids[5004]!.memberId]),
    );
    const view = (await request(system.http).get(`/members/${ids[5003]!.memberId}`).set(auth()).expect(200)).body;
    expect(memberIds((await search({ symbol: '5200', number: view.identifiers.number }).expect(200)).body)).toEqual([
      ids[5003]!.memberId,
    ]);
    expect(memberIds((await search({ birthDate: '1980-01-01', officeCode: 'OFF-A' }).expect(200)).body)).toEqual([
      ids[5001]!.memberId,
    ]);
    expect((await search({ nameKana: 'サトウ', officeCode: 'OFF-A' }).expect(200)).body.items).toEqual([]);
  });

  it('follows status changes: a member who lost eligibility is found under status=lost', async () => {
    const lost = await request(system.http)
      .post(`/members/${ids[5004]!.memberId}/loss-of-eligibility`)
      .set(auth())
      .send({ reason: 'retirement', lastWorkingDay: '2025-09-30' })
      .expect(200);
    const res = await request(system.http)
      .get('/members')
      .set(auth())
      .set('X-Min-Position', String(lost.body.position))
      .query({ status: 'lost' })
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ memberId: ids[5004]!.memberId, status: 'lost', lossDate: '2025-10-01' }),
    ]);
    expect(memberIds((await search({ status: 'active', officeCode: 'OFF-B' }).expect(200)).body)).toEqual([
      ids[5003]!.memberId,
    ]);
  });

  it('pages with a cursor: every member exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ nameKana: 'ヤ', limit: 1, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...memberIds(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[5001]!.memberId, ids[5002]!.memberId, ids[5003]!.memberId]);
  });

  it('refuses unknown parameters, bad values and a foreign cursor with 400 problem+json naming the field', async () => {
    const unknown = await search({ favouriteColour: 'blue' }).expect(400);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect(unknown.body.violations[0].field).toBe('favouriteColour');
    expect((await search({ status: 'sleeping' }).expect(400)).body.violations[0].field).toBe('status');
    expect((await search({ limit: 1000 }).expect(400)).body.violations[0].field).toBe('limit');
    expect((await search({ birthDate: '1980/01/01' }).expect(400)).body.violations[0].field).toBe('birthDate');
    await search({ cursor: 'not-a-cursor' }).expect(400);
    await search({ minPosition: 'x' }).expect(400);
  });

  it('GET /members/{id} shows the masked Individual Number and nothing of the ciphertext', async () => {
    const view = await request(system.http).get(`/members/${ids[5001]!.memberId}`).set(auth()).expect(200);
    expect(view.body.insured.individualNumber).toBe(`********${individualNumber(5001).slice(-4)}`);
    expect(JSON.stringify(view.body)).not.toMatch(/ciphertext|keyedHash/);
    const stored = JSON.stringify(await system.documents.get('member_summary', ids[5001]!.memberId));
    expect(stored).toContain('"ciphertext":""');
    expect(stored).not.toContain(individualNumber(5001));
  });
});
