import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
// Raw requests on purpose (supertest): one generic caller whose raw answers are scanned for personal data.
import request from 'supertest';
import { type Role } from '@kenpo/kernel';
import { PROJECTIONS, waitForPosition } from '@kenpo/read-models';
import { capturedLogLines, startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { findLeaks, type Haystack, rawFiles, redisValues } from './support/leak-scan.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

const INSURED = individualNumber(8501);
const OTHER_INSURED = individualNumber(8502);
const SPOUSE = individualNumber(8503);
const CHILD = individualNumber(8504);
/** Typed with a wrong check digit: refused, and must not be echoed anywhere either. */
const MISTYPED = `${INSURED.slice(0, 11)}${(Number(INSURED[11]) + 1) % 10}`;
const NUMBERS = [INSURED, OTHER_INSURED, SPOUSE, CHILD, MISTYPED];

describe("leak test: no clear Individual Number outside the vault's ciphertext (issue 8, domain.md 9)", () => {
  let system: TestBackOffice;
  const responses: Haystack[] = [];
  const reveals: { number: string; body: Record<string, unknown> }[] = [];

  async function api(method: 'get' | 'post' | 'put', path: string, role: Role, status: number, body?: object) {
    const req = request(system.http)
      [method](path)
      .set('authorization', `Bearer ${await system.token(role)}`);
    const res = await (body === undefined ? req : req.send(body));
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${res.text}`);
    responses.push({ source: `response ${method.toUpperCase()} ${path} ${res.status}`, content: res.text });
    return res;
  }

  async function reveal(memberId: string, personId: string, number: string) {
    const res = await request(system.http)
      .post(`/members/${memberId}/individual-number/reveal`)
      .set('authorization', `Bearer ${await system.token('clerk')}`)
      .send({ personId, purpose: 'eligibility-loss-notification' });
    expect(res.status).toBe(200);
    reveals.push({ number, body: res.body });
  }

  beforeAll(async () => {
    system = await startTestBackOffice();
    const clerk = 'clerk';
    // Enrollment with card linkage, a refused mistyped number, a refused duplicate, an unknown field carrying a number.
    const { memberId } = (
      await api(
        'post',
        '/members',
        clerk,
        201,
        enrollment({ individualNumber: INSURED, cardLinkage: { linkedOn: '2025-04-01' } }),
      )
    ).body;
    await api('post', '/members', clerk, 400, enrollment({ individualNumber: MISTYPED, symbol: '7001' }));
    await api('post', '/members', clerk, 409, enrollment({ individualNumber: INSURED }));
    await api('post', '/members', clerk, 400, {
      ...enrollment({ individualNumber: OTHER_INSURED }),
      myNumberCopy: OTHER_INSURED,
    });
    const other = (
      await api(
        'post',
        '/members',
        clerk,
        201,
        enrollment({ individualNumber: OTHER_INSURED, symbol: '7002', name: '佐藤 次郎' }),
      )
    ).body.memberId;
    // Dependants, card linkage, account, remuneration, job change.
    const spouseId = (
      await api('post', `/members/${memberId}/dependants`, clerk, 201, dependant({ individualNumber: SPOUSE }))
    ).body.dependantId;
    const childId = (
      await api(
        'post',
        `/members/${memberId}/dependants`,
        clerk,
        201,
        dependant({
          individualNumber: CHILD,
          relationship: 'child',
          name: '山田 一郎',
          nameKana: 'ヤマダ イチロウ',
          dateOfBirth: '2015-05-05',
          sex: 'male',
          expectedAnnualIncome: 0,
        }),
      )
    ).body.dependantId;
    await api('post', `/members/${memberId}/card-linkage`, clerk, 200, { personId: spouseId, linkedOn: '2025-05-01' });
    await api('put', `/members/${memberId}/public-funds-account`, clerk, 200, {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary',
      accountNumber: '7654321',
      holderName: 'ヤマダ タロウ',
    });
    await api('post', `/members/${memberId}/remuneration-revisions`, clerk, 200, {
      effectiveFrom: '2025-09',
      kind: 'periodic',
      grade: 25,
    });
    await api('post', `/members/${other}/job-changes`, clerk, 200, {
      withinSociety: true,
      officeCode: 'OFF-002',
      symbol: '7003',
      effectiveDate: '2025-10-01',
    });
    // Reads by every kind of user.
    await api('get', `/members/${memberId}`, 'approver', 200);
    await api('get', `/compliance/members/${memberId}/events`, 'compliance-officer', 200);
    await api('get', `/compliance/members/${memberId}/state`, 'compliance-officer', 200);
    await api(
      'get',
      `/compliance/eligibility?memberId=${memberId}&personId=${childId}&date=2025-06-01`,
      'compliance-officer',
      200,
    );
    // Reveals (the one answer meant to carry a number) and refusals, one with a number typed into the path.
    await reveal(memberId, 'insured', INSURED);
    await reveal(memberId, spouseId, SPOUSE);
    await reveal(memberId, childId, CHILD);
    await api('post', `/members/${memberId}/individual-number/reveal`, 'approver', 403, {
      personId: 'insured',
      purpose: 'benefit-claim',
    });
    await api('post', `/members/${OTHER_INSURED}/individual-number/reveal`, clerk, 404, {
      personId: 'insured',
      purpose: 'benefit-claim',
    });
    await api('post', `/members/${memberId}/individual-number/reveal`, clerk, 404, {
      personId: CHILD,
      purpose: 'benefit-claim',
    });
    // A number typed into a command path, with an Idempotency-Key (whose answer is kept in Redis and replayed).
    for (let i = 0; i < 2; i++) {
      const res = await request(system.http)
        .post(`/members/${SPOUSE}/job-changes`)
        .set('authorization', `Bearer ${await system.token(clerk)}`)
        .set('Idempotency-Key', 'typed-into-the-path-1')
        .send({ withinSociety: true, officeCode: 'O', symbol: '7004', effectiveDate: '2025-10-01' });
      expect(res.status).toBe(400);
      responses.push({
        source: `response POST /members/<number>/job-changes ${res.status} (attempt ${i + 1})`,
        content: res.text,
      });
    }
    // Loss of eligibility, erasure, and the answers after it.
    await api('post', `/members/${memberId}/loss-of-eligibility`, clerk, 200, {
      reason: 'retirement',
      lastWorkingDay: '2025-08-31',
    });
    await api('post', `/members/${memberId}/individual-number/erasure`, 'admin', 201, {
      reason: 'retention period ended',
    });
    await api('post', `/members/${memberId}/individual-number/reveal`, clerk, 410, {
      personId: 'insured',
      purpose: 'benefit-claim',
    });
    await api('get', `/members/${memberId}/individual-number/erasure`, 'compliance-officer', 200);
    await api('get', '/compliance/access-log?limit=200', 'compliance-officer', 200);
    await api(
      'get',
      `/compliance/exports?from=2000-01-01T00:00:00Z&to=${new Date(Date.now() + 60_000).toISOString()}`,
      'compliance-officer',
      200,
    );
    // Let every projection catch up, so the read models hold what the flow produced.
    const head = await system.events.headPosition();
    for (const projection of PROJECTIONS) {
      expect((await waitForPosition(system.documents, projection, head, { timeoutMs: 15_000 })).reached).toBe(true);
    }
  }, 60_000);
  afterAll(async () => {
    await system?.close();
  });

  it('the reveal answers carry exactly the number asked for, nothing else does', () => {
    expect(reveals.map((r) => r.body.individualNumber)).toEqual([INSURED, SPOUSE, CHILD]);
    const others = reveals.map((r) => ({
      source: 'reveal answer without its number',
      content: JSON.stringify({ ...r.body, individualNumber: null }),
    }));
    expect(findLeaks(others, NUMBERS)).toEqual([]);
  });

  it('no log line carries a number', () => {
    expect(capturedLogLines.length).toBeGreaterThan(20);
    expect(
      findLeaks(
        capturedLogLines.map((line, i) => ({ source: `log line ${i}`, content: line })),
        NUMBERS,
      ),
    ).toEqual([]);
  });

  it('no other response body carries a number', () => {
    expect(responses.length).toBeGreaterThan(20);
    expect(findLeaks(responses, NUMBERS)).toEqual([]);
  });

  it("no event carries a number (only the vault's ciphertext, keyed hash and last four digits)", async () => {
    const events = await system.events.readAll({ maxCount: 100_000 });
    expect(events.some((e) => e.type === 'DependantRecognized')).toBe(true);
    expect(
      findLeaks(
        events.map((e) => ({ source: `event ${e.streamId}#${e.revision} ${e.type}`, content: JSON.stringify(e) })),
        NUMBERS,
      ),
    ).toEqual([]);
  });

  it('no read-model document carries a number', async () => {
    const documents: Haystack[] = [];
    for (const projection of PROJECTIONS) {
      for await (const doc of system.documents.iterate(projection.collection.name)) {
        documents.push({ source: `document ${projection.collection.name}`, content: JSON.stringify(doc) });
      }
    }
    expect(documents.length).toBeGreaterThan(0);
    expect(findLeaks(documents, NUMBERS)).toEqual([]);
  });

  it('no file under DATA_DIR (events.db, read-models.db, vault.db and their -wal/-shm files, secrets) carries a number', async () => {
    const files = rawFiles(system.dataDir);
    expect(files.map((f) => f.source)).toEqual(
      expect.arrayContaining(['file events.db', 'file read-models.db', 'file vault.db']),
    );
    // The raw scan does see the log's content: the enrollment's ciphertext is there, in the file or its -wal.
    const [enrolled] = (await system.events.readAll({ maxCount: 100_000 })).filter((e) => e.type === 'MemberEnrolled');
    const ciphertext = (enrolled!.data as { individualNumber: { ciphertext: string } }).individualNumber.ciphertext;
    expect(files.some((f) => Buffer.from(f.content).includes(ciphertext))).toBe(true);
    expect(findLeaks(files, NUMBERS)).toEqual([]);
  });

  it('no Redis value (idempotency answers, queues) carries a number', async () => {
    const values = await redisValues(system.redis.url);
    expect(findLeaks(values, NUMBERS)).toEqual([]);
  });
});
