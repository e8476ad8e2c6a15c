import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Valid requests go through the typed client; supertest only for parameters and values the spec forbids.
import request from 'supertest';
import type { paths } from '@kenpo/api-client';
import { type ApiClient, apiAs, expectProblem, expectStatus } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { enrollment, individualNumber } from './support/members.js';

describe('GET /members search (issue 4: member_search read model)', () => {
  let system: TestBackOffice;
  let clerk: string;
  let api: ApiClient;
  const auth = () => ({ authorization: `Bearer ${clerk}` });
  const search = (query: NonNullable<paths['/members']['get']['parameters']['query']>) =>
    api.GET('/members', { params: { query } });
  const found = async (query: NonNullable<paths['/members']['get']['parameters']['query']>) =>
    expectStatus(await search(query), 200).data;
  /** Parameters and values the spec forbids, sent raw. */
  const searchRaw = (query: Record<string, string | number>) =>
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
    api = await apiAs(system, 'clerk');
    for (const { seed, ...fields } of people) {
      const res = await api.POST('/members', {
        body: enrollment({ individualNumber: individualNumber(seed), ...fields }),
      });
      const { memberId, position } = expectStatus(res, 201).data;
      ids[seed] = { memberId, position: position! };
      lastPosition = position!;
    }
  });
  afterAll(async () => {
    await system?.close();
  });

  const memberIds = (body: { items: { memberId: string }[] }) => body.items.map((i) => i.memberId);

  it('finds by name kana prefix (spaces ignored), ordered by kana, reading its own writes via minPosition', async () => {
    const res = expectStatus(await search({ nameKana: 'ヤマダ', minPosition: String(lastPosition) }), 200);
    expect(memberIds(res.data)).toEqual([ids[5001]!.memberId, ids[5002]!.memberId]);
    expect(res.data.items[0]).toMatchObject({
      nameKana: 'ヤマダ タロウ',
      officeCode: 'OFF-A',
      symbol: '5100',
      status: 'active',
      dateOfBirth: '1980-01-01',
    });
    expect(res.data.items[0]).not.toHaveProperty('nameKanaKey');
    expect(Number(res.response.headers.get('x-read-model-position'))).toBeGreaterThanOrEqual(lastPosition);
    expect(memberIds(await found({ nameKana: 'ヤマダハ' }))).toEqual([ids[5002]!.memberId]);
    expect(memberIds(await found({ nameKana: 'ヤマ' }))).toHaveLength(3);
  });

  it('filters by office, 記号+番号, date of birth, and combinations', async () => {
    expect(new Set(memberIds(await found({ officeCode: 'OFF-B' })))).toEqual(
      new Set([ids[5003]!.memberId, ids[5004]!.memberId]),
    );
    const view = await api.GET('/members/{memberId}', { params: { path: { memberId: ids[5003]!.memberId } } });
    const { number } = expectStatus(view, 200).data.identifiers!;
    expect(memberIds(await found({ symbol: '5200', number }))).toEqual([ids[5003]!.memberId]);
    expect(memberIds(await found({ birthDate: '1980-01-01', officeCode: 'OFF-A' }))).toEqual([ids[5001]!.memberId]);
    expect((await found({ nameKana: 'サトウ', officeCode: 'OFF-A' })).items).toEqual([]);
  });

  it('follows status changes: a member who lost eligibility is found under status=lost', async () => {
    const loss = await api.POST('/members/{memberId}/loss-of-eligibility', {
      params: { path: { memberId: ids[5004]!.memberId } },
      body: { reason: 'retirement', lastWorkingDay: '2025-09-30' },
    });
    const lost = expectStatus(loss, 200).data;
    const res = await api.GET('/members', {
      params: { query: { status: 'lost' }, header: { 'X-Min-Position': String(lost.position) } },
    });
    expect(expectStatus(res, 200).data.items).toEqual([
      expect.objectContaining({ memberId: ids[5004]!.memberId, status: 'lost', lossDate: '2025-10-01' }),
    ]);
    expect(memberIds(await found({ status: 'active', officeCode: 'OFF-B' }))).toEqual([ids[5003]!.memberId]);
  });

  it('pages with a cursor: every member exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await found({ nameKana: 'ヤ', limit: 1, cursor });
      expect(res.items.length).toBeLessThanOrEqual(1);
      seen.push(...memberIds(res));
      cursor = res.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([ids[5001]!.memberId, ids[5002]!.memberId, ids[5003]!.memberId]);
  });

  it('refuses unknown parameters, bad values and a foreign cursor with 400 problem+json naming the field', async () => {
    const unknown = await searchRaw({ favouriteColour: 'blue' }).expect(400);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect(unknown.body.violations[0].field).toBe('favouriteColour');
    expect((await searchRaw({ status: 'sleeping' }).expect(400)).body.violations[0].field).toBe('status');
    const field = async (query: Parameters<typeof search>[0]) =>
      expectProblem(await search(query), 400).error.violations![0]!.field;
    expect(await field({ limit: 1000 })).toBe('limit');
    expect(await field({ birthDate: '1980/01/01' })).toBe('birthDate');
    expectProblem(await search({ cursor: 'not-a-cursor' }), 400);
    expectProblem(await search({ minPosition: 'x' }), 400);
  });

  it('GET /members/{id} shows the masked Individual Number and nothing of the ciphertext', async () => {
    const view = await api.GET('/members/{memberId}', { params: { path: { memberId: ids[5001]!.memberId } } });
    expect(expectStatus(view, 200).data.insured!.individualNumber).toBe(`********${individualNumber(5001).slice(-4)}`);
    expect(JSON.stringify(view.data)).not.toMatch(/ciphertext|keyedHash/);
    const stored = JSON.stringify(await system.documents.get('member_summary', ids[5001]!.memberId));
    expect(stored).toContain('"ciphertext":""');
    expect(stored).not.toContain(individualNumber(5001));
  });
});
