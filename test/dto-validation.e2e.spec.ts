import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
// Raw requests on purpose (supertest): the bodies break the spec (missing, null, wrong types, fuzzed), which the
// typed client would not compile.
import request from 'supertest';
import { newId, type Role } from '@kenpo/kernel';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { type DtoSchema, type FieldSchema, requestDtosOf, schemaOf } from './support/dto-schema.js';
import { discoverEndpoints, type Endpoint } from './support/endpoints.js';
import { claimAccount, highCostRecord } from './support/claims.js';
import { dependant, enroll, enrollment, individualNumber } from './support/members.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** A required field at some depth, inside a body that holds everything needed to reach it. */
interface RequiredField {
  path: Path;
  field: FieldSchema;
  body: Json;
}

const PLAIN: Record<FieldSchema['kind'], unknown> = { object: {}, array: [], number: 1, boolean: true, string: 'x' };
const WRONG: Record<FieldSchema['kind'], unknown> = { object: [], array: {}, number: '1', boolean: 'true', string: 1 };

/** The siblings `@ValidateIf` needs for `field` to be checked at all (e.g. payment.method = account). */
function satisfying(field: FieldSchema, schema: DtoSchema, object: Json): Json {
  let candidates: Json[] = [object];
  for (const sibling of schema.filter((f) => f.values && f.name !== field.name)) {
    candidates = candidates.flatMap((c) => [c, ...sibling.values!.map((v) => ({ ...c, [sibling.name]: v }))]);
  }
  return candidates.find((c) => field.conditions.every((holds) => holds(c))) ?? object;
}

function requiredFields(schema: DtoSchema, self: Json, path: Path, wrap: (self: Json) => Json): RequiredField[] {
  return schema
    .filter((f) => !f.optional)
    .flatMap((field) => {
      const parent = satisfying(field, schema, self);
      const found: RequiredField[] = [
        { path: [...path, field.name], field, body: wrap({ ...parent, [field.name]: PLAIN[field.kind] }) },
      ];
      for (const nested of field.nested ?? []) {
        const child: Json = nested.discriminator ? { [nested.discriminator.property]: nested.discriminator.value } : {};
        const at: Path = field.kind === 'array' ? [...path, field.name, 0] : [...path, field.name];
        const wrapChild = (c: Json) => wrap({ ...parent, [field.name]: field.kind === 'array' ? [c] : c });
        found.push(...requiredFields(nested.schema, child, at, wrapChild));
      }
      return found;
    });
}

/** `body` with the value at `path` removed (undefined) or replaced. */
function withValue(body: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(body);
  let holder = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}

/** Values a careless or hostile client sends, whatever the field. */
const WILD = fc.oneof(
  fc.constantFrom(null, '', '\ud800', 'a\udc00b', '9999-12-31', '1899-12-31', '2025-02-30', '0000-00-00', -1, 0),
  fc.constantFrom(1e21, 2 ** 53, -0.5, true, [], {}, [null], { x: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function arbitraryOf(schema: DtoSchema, depth: number, fixed: Json = {}): fc.Arbitrary<Json> {
  const fields = schema.filter((f) => !(f.name in fixed));
  const entries = Object.fromEntries(fields.map((f) => [f.name, valueOf(f, depth)]));
  return fc.record(entries, { requiredKeys: [] }).map((r) => ({ ...r, ...fixed }));
}

function valueOf(field: FieldSchema, depth: number): fc.Arbitrary<unknown> {
  const nested = depth < 3 && field.nested?.length ? field.nested : undefined;
  const child = nested
    ? fc.oneof(
        ...nested.map((n) =>
          arbitraryOf(
            n.schema,
            depth + 1,
            n.discriminator ? { [n.discriminator.property]: n.discriminator.value } : {},
          ),
        ),
      )
    : WILD;
  const typed: Record<FieldSchema['kind'], fc.Arbitrary<unknown>> = {
    object: child,
    array: fc.array(child, { maxLength: 3 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e15)),
    boolean: fc.boolean(),
    string: field.values
      ? fc.constantFrom(...field.values)
      : fc.oneof(
          fc.string({ maxLength: 24 }),
          fc.string({ unit: 'binary', maxLength: 8 }),
          fc.constantFrom('2025-04-01', '9999-12-31', '1900-01-01', '2199-12-31', '2200-01-01', '2025-06'),
        ),
  };
  return fc.oneof({ weight: 4, arbitrary: typed[field.kind] }, { weight: 1, arbitrary: WILD });
}

/** A fixed seed per route: CI sends the same bodies every run. */
function seedOf(text: string): number {
  let hash = 17;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

/** Every path of a JSON value (objects and arrays), for mutations. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...path, i], ...pathsOf(v, [...path, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...path, k], ...pathsOf(v, [...path, k])]);
  return [];
}

/** A valid body with one to three fields removed or replaced by a wild value. */
function mutationsOf(example: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(example);
  return fc
    .array(fc.tuple(fc.nat(paths.length - 1), fc.boolean(), WILD), { minLength: 1, maxLength: 3 })
    .map((mutations) =>
      mutations.reduce<Json>((body, [i, remove, value]) => {
        try {
          return withValue(body, paths[i]!, remove ? undefined : value);
        } catch {
          return body; // an earlier mutation removed the parent
        }
      }, example),
    );
}

const sickness = {
  kind: 'sickness-allowance',
  daysUnableToWork: [{ from: '2025-03-01', to: '2025-03-20' }],
  claimPeriod: { from: '2025-03-01', to: '2025-03-20' },
  previouslyPaidDays: 0,
};

/** A valid body per route: the starting points of the mutation fuzz. */
const examples = (memberId: string): Record<string, Json> => ({
  'post /members': enrollment({ individualNumber: individualNumber(52_100), symbol: '5201' }),
  'post /members/:memberId/benefit-claims': {
    personId: 'insured',
    payment: { method: 'account', account: claimAccount },
    benefit: sickness,
  },
  'post /members/:memberId/dependants': dependant({ individualNumber: individualNumber(52_200) }),
  'post /members/:memberId/job-changes': {
    withinSociety: true,
    officeCode: 'OFF-2',
    symbol: '5202',
    effectiveDate: '2025-06-01',
  },
  'post /members/:memberId/remuneration-revisions': {
    effectiveFrom: '2025-09',
    kind: 'periodic',
    monthlyRemuneration: 320_000,
  },
  'put /members/:memberId/public-funds-account': { ...claimAccount },
  'post /medical-cost-records': {
    records: [highCostRecord(memberId)],
  },
});

describe('no 5xx for bad input, by construction (issues 15.1, 18.4)', () => {
  let system: TestBackOffice;
  let endpoints: (Endpoint & { body?: DtoSchema; query?: DtoSchema })[];
  // Real ids: a handler is reached only past its 404 checks, where a body the DTO let through would be used.
  const ids: Record<string, string> = {};
  const urlOf = (endpoint: Endpoint) =>
    endpoint.path.replace(
      /:(\w+)/g,
      (_, name: string) => ids[name] ?? (name === 'runId' ? 'run-20250401-0900' : newId()),
    );
  const tokens = new Map<Role, string>();
  const send = async (endpoint: Endpoint, body: unknown, query?: Json) => {
    const role = endpoint.allowed[0]!;
    if (!tokens.has(role)) tokens.set(role, await system.token(role, `dto-${role}`));
    const req = request(system.http)
      [endpoint.method](urlOf(endpoint))
      .set('authorization', `Bearer ${tokens.get(role)}`);
    if (query) req.query(query);
    return endpoint.method === 'get' ? req : req.send(body as object);
  };
  /** Events written since `position`, other than the access audit (a refused reveal is audited on purpose). */
  const writtenSince = async (position: number) =>
    (await system.events.readAll({ after: position })).filter((e) => !e.streamId.startsWith('access-audit-'));

  beforeAll(async () => {
    system = await startTestBackOffice({ RATE_LIMIT_PER_MINUTE: '0' });
    ids.memberId = (
      await enroll(system, enrollment({ individualNumber: individualNumber(52_001), acquisitionDate: '2024-04-01' }))
    ).memberId;
    const clerk = await system.token('clerk');
    const added = await request(system.http)
      .post(`/members/${ids.memberId}/dependants`)
      .set('authorization', `Bearer ${clerk}`)
      .send(dependant({ recognizedFrom: '2024-04-01' }));
    ids.dependantId = added.body.dependantId;
    const claimed = await request(system.http)
      .post(`/members/${ids.memberId}/benefit-claims`)
      .set('authorization', `Bearer ${clerk}`)
      .send({ personId: 'insured', payment: { method: 'account', account: claimAccount }, benefit: sickness });
    ids.claimId = claimed.body.claimId;
    ids.payoutId = claimed.body.claimId;
    endpoints = discoverEndpoints(system.app)
      .filter((e) => !e.public)
      .map((e) => {
        const dtos = requestDtosOf(e.controller, e.handler);
        return {
          ...e,
          ...(dtos.body ? { body: schemaOf(dtos.body) } : {}),
          ...(dtos.query ? { query: schemaOf(dtos.query) } : {}),
        };
      });
  }, 120_000);
  afterAll(async () => {
    await system?.close();
  });

  it('finds the request DTOs of the routes (the walk covers something)', () => {
    const withBody = endpoints.filter((e) => e.body).map((e) => `${e.method} ${e.path}`);
    expect(withBody).toEqual(expect.arrayContaining(['post /members', 'post /members/:memberId/benefit-claims']));
    expect(withBody.length).toBeGreaterThan(15);
  });

  it('answers 400 naming the path of every required field, at every depth, left out, null or of a wrong type; nothing is written', async () => {
    const head = await system.events.headPosition();
    const misses: string[] = [];
    let checked = 0;
    for (const endpoint of endpoints.filter((e) => e.body)) {
      for (const { path, field, body } of requiredFields(endpoint.body!, {}, [], (b) => b)) {
        const name = path.join('.');
        for (const [variant, value] of [
          ['missing', undefined],
          ['null', null],
          ['wrong type', WRONG[field.kind]],
        ] as const) {
          const res = await send(endpoint, withValue(body, path, value));
          checked++;
          const violations = (res.body?.violations ?? []) as { field: string; rule: string }[];
          const named = violations.find((v) => v.field === name);
          const ok =
            res.status === 400 &&
            /application\/problem\+json/.test(String(res.headers['content-type'])) &&
            named !== undefined &&
            (variant === 'wrong type' || named.rule === 'required');
          if (!ok)
            misses.push(
              `${endpoint.method.toUpperCase()} ${endpoint.path} ${name} ${variant}: ${res.status} ${JSON.stringify(violations.slice(0, 3))}`,
            );
        }
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThan(300);
    expect(await writtenSince(head)).toEqual([]);
  }, 300_000);

  it('answers a malformed id with 400 and a code naming the parameter; a 403 names the roles allowed (issue 15.5)', async () => {
    const misses: string[] = [];
    for (const endpoint of endpoints.filter((e) => e.path.includes(':'))) {
      // The reveal checks its member itself, so that every refused attempt, a malformed id too, is audited.
      if (endpoint.path.endsWith('/individual-number/reveal')) continue;
      const name = /:(\w+)/.exec(endpoint.path)![1]!;
      const url = endpoint.path.replace(`:${name}`, 'not-an-id').replace(/:(\w+)/g, () => newId());
      const role = endpoint.allowed[0]!;
      const req = request(system.http)
        [endpoint.method](url)
        .set('authorization', `Bearer ${await system.token(role)}`);
      const res = await (endpoint.method === 'get' ? req : req.send({}));
      // Run ids are checked in the handler, after the body: a 400 with a code, naming the body or the run id.
      const ok =
        name === 'runId'
          ? typeof res.body.code === 'string'
          : res.body.code === 'malformed_id' && res.body.violations?.some((v: { field: string }) => v.field === name);
      if (res.status !== 400 || !ok) misses.push(`${endpoint.method} ${endpoint.path}: ${res.status} ${res.body.code}`);
    }
    expect(misses).toEqual([]);

    const refused = await request(system.http)
      .post('/payout-runs')
      .set('authorization', `Bearer ${await system.token('clerk')}`)
      .send({});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'role_not_allowed' });
    const runs = endpoints.find((e) => e.method === 'post' && e.path === '/payout-runs')!;
    expect(refused.body.detail).toContain(`roles allowed: ${runs.declared.join(', ')}`);
    const unknownRoute = await request(system.http)
      .get('/no-such-route')
      .set('authorization', `Bearer ${await system.token('clerk')}`);
    expect(unknownRoute.body).toMatchObject({ status: 404, code: 'not_found' });
  }, 120_000);

  it('answers the known 500s of issues 15 and 18 with 400 naming the field', async () => {
    const route = (method: string, path: string) => endpoints.find((e) => e.method === method && e.path === path)!;
    const claim = route('post', '/members/:memberId/benefit-claims');
    const expectations: [Endpoint, Json, string][] = [
      [claim, { personId: 'insured' }, 'payment'],
      [
        claim,
        {
          personId: 'insured',
          payment: { method: 'public-funds' },
          benefit: { kind: 'sickness-allowance', daysUnableToWork: [], previouslyPaidDays: 0 },
        },
        'benefit.claimPeriod',
      ],
      [claim, { personId: 'insured', payment: [{ method: 'public-funds' }], benefit: { kind: 'funeral' } }, 'payment'],
      [
        claim,
        {
          personId: 'insured',
          payment: { method: 'public-funds' },
          benefit: {
            kind: 'sickness-allowance',
            daysUnableToWork: [],
            previouslyPaidDays: 0,
            claimPeriod: [{ from: '2025-04-01', to: '2025-04-10' }],
          },
        },
        'benefit.claimPeriod',
      ],
      [
        claim,
        {
          personId: 'insured',
          payment: { method: 'public-funds' },
          benefit: { kind: 'inpatient-meal-expenses', meals: 3, category: 'general', amountPaid: 1_000 },
        },
        'benefit.stay',
      ],
      [
        claim,
        { personId: 'insured', payment: { method: 'account' }, benefit: { kind: 'childbirth-grant' } },
        'payment.account',
      ],
      [claim, { personId: 'insured\ud800', payment: { method: 'public-funds' } }, 'personId'],
      [
        route('post', '/members/:memberId/dependants'),
        { relationship: 'spouse', name: '山田 花子', sameHousehold: true },
        'residence',
      ],
      [
        route('post', '/medical-cost-records'),
        { records: [{ personId: 'insured', month: '2025-06', institution: 'H\udc00', setting: 'inpatient' }] },
        'records.0.institution',
      ],
      [route('post', '/members'), { acquisitionDate: '9999-12-31' }, 'acquisitionDate'],
      // Business dates are bounded to 1900-01-01..2199-12-31 (issue 18.4): one day past each end is refused.
      [route('post', '/members'), { acquisitionDate: '2200-01-01' }, 'acquisitionDate'],
      [route('post', '/members'), { dateOfBirth: '1899-12-31' }, 'dateOfBirth'],
    ];
    const head = await system.events.headPosition();
    for (const [endpoint, body, field] of expectations) {
      const res = await send(endpoint, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect((res.body.violations as { field: string }[]).map((v) => v.field)).toContain(field);
    }
    expect(await writtenSince(head)).toEqual([]);
  }, 120_000);

  it('answers valid bodies with fields removed or replaced with 4xx problem+json, never 5xx (seeded)', async () => {
    const failures: string[] = [];
    for (const [key, example] of Object.entries(examples(ids.memberId!))) {
      const [method, path] = key.split(' ') as [Endpoint['method'], string];
      const endpoint = endpoints.find((e) => e.method === method && e.path === path)!;
      await fc
        .assert(
          fc.asyncProperty(mutationsOf(example), async (body) => {
            const res = await send(endpoint, body);
            if (res.status < 500) return true;
            failures.push(`${key} → ${res.status} for ${JSON.stringify(body).slice(0, 400)}`);
            return false;
          }),
          { seed: seedOf(key), numRuns: 150, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers a few hundred generated bodies per route with 4xx problem+json, never 5xx (seeded)', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints.filter((e) => e.body || e.query)) {
      const bodies = endpoint.body
        ? fc.oneof({ weight: 5, arbitrary: arbitraryOf(endpoint.body, 0) }, { weight: 1, arbitrary: WILD })
        : fc.constant(undefined);
      const queries = endpoint.query
        ? arbitraryOf(endpoint.query, 2).map((q) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, v])))
        : fc.constant(undefined);
      const runs = endpoint.body ? 200 : 60;
      await fc
        .assert(
          fc.asyncProperty(bodies, queries, async (body, query) => {
            const res = await send(endpoint, body, query as Json | undefined);
            const problem =
              res.status < 400 ||
              (/application\/problem\+json/.test(String(res.headers['content-type'])) &&
                typeof res.body.code === 'string');
            if (res.status >= 500 || !problem) {
              failures.push(
                `${endpoint.method.toUpperCase()} ${endpoint.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)} for ${JSON.stringify({ body, query }).slice(0, 300)}`,
              );
              return false;
            }
            return true;
          }),
          { seed: seedOf(`${endpoint.method} ${endpoint.path}`), numRuns: runs, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 480_000);
});
