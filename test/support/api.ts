import { expect } from '@jest/globals';
import { type ApiClient, type components, createApiClient } from '@kenpo/api-client';
import type { Role } from '@kenpo/kernel';
import type { TestBackOffice } from './back-office.js';

export type { ApiClient } from '@kenpo/api-client';
/** The request and answer schemas of openapi.json, e.g. `Schemas['EnrollMemberDto']`. */
export type Schemas = components['schemas'];

/**
 * The typed client generated from openapi.json, signed in as a user with a role, against a test system: paths,
 * bodies and answers are checked by tsc against the spec, so a test written against a wrong spec does not compile.
 * `const { data, error, response } = await api.POST('/members', { body })`.
 */
export async function apiAs(system: TestBackOffice, role: Role, sub?: string): Promise<ApiClient> {
  return createApiClient({ baseUrl: await system.baseUrl(), token: await system.token(role, sub) });
}

/** The typed client against any base URL (a child process of the app), signed in with a token. */
export function apiAt(baseUrl: string, token: string): ApiClient {
  return createApiClient({ baseUrl, token });
}

type Answer = { response: Response; data?: unknown; error?: unknown };

/**
 * The answer of a typed call, asserted to have this status (the failure shows the body): a 2xx gives the success
 * branch (typed `data`), anything else the error branch (the problem as `error`).
 */
export function expectStatus<A extends Answer>(answer: A, status: number): Extract<A, { data: unknown }> {
  expectAnswered(answer, status);
  return answer as Extract<A, { data: unknown }>;
}

/** A problem answer asserted to have this status, with its problem+json body typed as `error`. */
export function expectProblem<A extends Answer>(answer: A, status: number): Extract<A, { error: unknown }> {
  expectAnswered(answer, status);
  expect(answer.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  return answer as Extract<A, { error: unknown }>;
}

/** The status, failing with the whole answer (url and body) in the diff: toMatchObject would show the status alone. */
function expectAnswered(answer: Answer, status: number): void {
  const { url, status: actual } = answer.response;
  expect({ url, status: actual, body: answer.data ?? answer.error }).toEqual(expect.objectContaining({ status }));
}

/** The typed client without a token (what an anonymous caller gets). */
export async function anonymousApi(system: TestBackOffice): Promise<ApiClient> {
  return createApiClient({ baseUrl: await system.baseUrl() });
}
