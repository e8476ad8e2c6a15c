import { type ApiClient, createApiClient } from '@kenpo/api-client';
import type { Role } from '@kenpo/kernel';
import type { TestBackOffice } from './back-office.js';

/**
 * The typed client generated from openapi.json, signed in as a user with a role, against a test system: paths,
 * bodies and answers are checked by tsc against the spec, so a test written against a wrong spec does not compile.
 * `const { data, error, response } = await api.POST('/members', { body })`.
 */
export async function apiAs(system: TestBackOffice, role: Role, sub?: string): Promise<ApiClient> {
  return createApiClient({ baseUrl: await system.baseUrl(), token: await system.token(role, sub) });
}
