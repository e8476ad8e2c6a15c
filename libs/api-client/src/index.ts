import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi.js';

export type { components, operations, paths } from './openapi.js';

/** A typed client of the back office API: paths, parameters, bodies and answers as openapi.json describes them. */
export type ApiClient = Client<paths>;

export interface ApiClientOptions extends ClientOptions {
  /** The bearer token, or a function giving the current one (sent as `Authorization: Bearer <token>`). */
  token?: string | (() => string | Promise<string>);
}

/**
 * `createApiClient({ baseUrl: 'http://127.0.0.1:3000', token })`, then e.g.
 * `const { data, error, response } = await api.POST('/members', { body })`: `data` is the answer typed by its
 * response schema, `error` the problem+json of a 4xx/5xx.
 */
export function createApiClient({ token, ...options }: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>(options);
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
