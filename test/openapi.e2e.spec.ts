import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Raw requests on purpose (supertest): /docs-json and /docs serve the spec itself, they are not operations of it.
import request from 'supertest';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { discoverEndpoints } from './support/endpoints.js';

type Schema = Record<string, any>;
interface Operation {
  operationId: string;
  summary?: string;
  parameters?: Schema[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }>; headers?: Schema }>;
  security?: unknown[];
  'x-roles'?: string[];
}

const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../openapi.json'), 'utf8'));
const operations: [string, string, Operation][] = Object.entries(committed.paths as Record<string, Schema>).flatMap(
  ([path, item]) =>
    Object.entries(item).map(([method, op]) => [method, path, op as Operation] as [string, string, Operation]),
);

/** A schema that says nothing about its value: no type, reference, composition, properties, items or enum. */
function isEmpty(schema: Schema): boolean {
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf || schema.enum) return false;
  if (['string', 'number', 'integer', 'boolean'].includes(schema.type)) return false;
  if (schema.type === 'array') return !schema.items || isEmpty(schema.items);
  return !schema.properties && !schema.additionalProperties;
}

function emptySchemas(schema: Schema | undefined, where: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return [
    ...(isEmpty(schema) ? [where] : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) =>
      emptySchemas(child as Schema, `${where}.${name}`),
    ),
    ...emptySchemas(schema.items, `${where}[]`),
    ...(typeof schema.additionalProperties === 'object' ? emptySchemas(schema.additionalProperties, `${where}{}`) : []),
    ...['allOf', 'oneOf', 'anyOf'].flatMap((key) =>
      ((schema[key] as Schema[] | undefined) ?? []).flatMap((child, i) => emptySchemas(child, `${where}.${key}[${i}]`)),
    ),
  ];
}

describe('openapi.json describes the whole API (issue 15.2)', () => {
  it('has no empty schema: components, parameters, request bodies and responses', () => {
    const empty = [
      ...Object.entries(committed.components.schemas as Record<string, Schema>).flatMap(([name, schema]) =>
        emptySchemas(schema, name),
      ),
      ...operations.flatMap(([method, path, op]) => [
        ...(op.parameters ?? []).flatMap((p) => emptySchemas(p.schema, `${method} ${path} ${p.name}`)),
        ...Object.entries(op.requestBody?.content ?? {}).flatMap(([type, c]) =>
          emptySchemas(c.schema, `${method} ${path} body ${type}`),
        ),
        ...Object.entries(op.responses).flatMap(([status, r]) =>
          Object.entries(r.content ?? {}).flatMap(([type, c]) =>
            emptySchemas(c.schema, `${method} ${path} ${status} ${type}`),
          ),
        ),
      ]),
    ];
    expect(empty).toEqual([]);
    expect(Object.keys(committed.components.schemas).length).toBeGreaterThan(50);
  });

  it('names every class the spec can show once: the spec keys schemas by class name, so a twin hides the other', () => {
    // A response class once shared its name with a request body and the spec demanded the response's fields on approval.
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sources(path);
        return /(?<!\.spec)\.ts$/.test(entry.name) ? [path] : [];
      });
    const root = join(import.meta.dirname, '..');
    const owners = new Map<string, string[]>();
    for (const file of [...sources(join(root, 'apps/back-office-api/src')), ...sources(join(root, 'libs'))]) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/^export class (\w+)/gm)) {
        owners.set(name!, [...(owners.get(name!) ?? []), file.slice(root.length + 1)]);
      }
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    expect(owners.size).toBeGreaterThan(50);
  });

  it('documents a summary and a successful response with content for every operation', () => {
    const undocumented = operations
      .filter(([, , op]) => {
        const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        const bodiless = ([status, r]: [string, { content?: object }]) =>
          status !== '204' && (!r.content || Object.keys(r.content).length === 0);
        return !op.summary || ok.length === 0 || ok.some(bodiless);
      })
      .map(([method, path]) => `${method} ${path}`);
    expect(undocumented).toEqual([]);
  });

  it('documents the problem+json errors, the roles and the headers every operation can answer', () => {
    const missing: string[] = [];
    const need = (ok: boolean, what: string) => ok || missing.push(what);
    for (const [method, path, op] of operations) {
      const where = `${method} ${path}`;
      const problem = (status: string) =>
        need(
          op.responses[status]?.content?.['application/problem+json']?.schema?.$ref === '#/components/schemas/Problem',
          `${where} ${status}`,
        );
      const headers = (op.parameters ?? []).map((p) => (p.$ref ? p.$ref.split('/').pop() : p.name));
      // Every route is rate limited, /health included (a bucket of its own, issue 14.7).
      problem('429');
      need(op.responses['429']?.headers?.['Retry-After'] !== undefined, `${where} Retry-After`);
      if (path === '/health') continue;
      if (op.security?.length !== 0) {
        for (const status of ['401', '403']) problem(status);
        need((op['x-roles'] ?? []).length > 0, `${where} x-roles`);
        need(
          op.responses['403']?.description.includes(op['x-roles']!.join(', ')) === true,
          `${where} 403 names the roles`,
        );
      }
      if (path.includes('{')) problem('404');
      if ((op.parameters ?? []).length > 0 || op.requestBody) problem('400');
      if (method !== 'get') problem('409');
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === '201' || status === '202') need(response.headers?.Location !== undefined, `${where} Location`);
      }
      // Reads are never replayed (IdempotencyInterceptor lets a GET through): no GET offers the header.
      if (method === 'get') need(!headers.includes('IdempotencyKey'), `${where} takes no Idempotency-Key`);
      if (method !== 'get' && headers.includes('IdempotencyKey'))
        need(headers.includes('CorrelationId'), `${where} X-Correlation-Id`);
    }
    expect(missing).toEqual([]);
    const memberCommand = committed.paths['/members/{memberId}/job-changes'].post as Operation;
    expect(memberCommand.parameters!.map((p) => p.$ref ?? p.name)).toEqual(
      expect.arrayContaining(['#/components/parameters/IdempotencyKey', '#/components/parameters/IfMatch']),
    );
    expect(memberCommand.responses['200']!.headers!.ETag).toEqual({ $ref: '#/components/headers/ETag' });
    const query = committed.paths['/members'].get as Operation;
    expect(query.parameters!.map((p) => p.$ref ?? p.name)).toEqual(
      expect.arrayContaining([
        'officeCode',
        'nameKana',
        'cursor',
        'limit',
        '#/components/parameters/MinPositionHeader',
      ]),
    );
  });

  it('commands answer 201 (creations), 202 (background work) or 200 (204 when there is nothing to answer)', () => {
    const odd = operations
      .filter(([method]) => method !== 'get')
      .map(([method, path, op]) => [`${method} ${path}`, Object.keys(op.responses).filter((s) => /^2/.test(s))])
      .filter(([, ok]) => ok.length !== 1 || !['200', '201', '202', '204'].includes(ok[0]!));
    expect(odd).toEqual([]);
  });

  describe('served by the running API', () => {
    let system: TestBackOffice;
    beforeAll(async () => {
      system = await startTestBackOffice({ PROCESS_ROLES: 'api' });
    });
    afterAll(async () => {
      await system?.close();
    });

    it('/docs-json is openapi.json, with every route of the application in it', async () => {
      const served = await request(system.http).get('/docs-json').expect(200);
      expect(served.body).toEqual(committed);
      const documented = new Set(operations.map(([method, path]) => `${method} ${path}`));
      const routes = discoverEndpoints(system.app).map((e) => `${e.method} ${e.path.replace(/:(\w+)/g, '{$1}')}`);
      expect(routes.filter((route) => !documented.has(route))).toEqual([]);
      await request(system.http).get('/docs').expect(200);
    });
  });
});
