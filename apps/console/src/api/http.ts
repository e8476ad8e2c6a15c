import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '@kenpo/api-client';
import { ApiProblem } from './problem';

/** What a command sends besides its body. */
export interface CommandOptions {
  /** The revision the page shows: the API refuses the command with 409 if the record changed since. */
  ifMatch?: number;
  /** One key per submission: a retried or double-clicked submission is recorded once. */
  idempotencyKey?: string;
}

type TokenSource = () => string | null;
let currentToken: TokenSource = () => null;
let onUnauthorized: () => void = () => undefined;

/** The session module hands the token over here; it stays in memory, never in storage. */
export function setTokenSource(source: TokenSource, unauthorized: () => void): void {
  currentToken = source;
  onUnauthorized = unauthorized;
}

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json, application/problem+json');
    const token = currentToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && currentToken()) onUnauthorized();
    return undefined;
  },
};

/**
 * The client generated from the committed openapi.json (@kenpo/api-client's types, openapi-fetch): paths, query,
 * bodies and answers are checked by tsc against the spec, so a spec change the console does not follow fails its
 * type check. Relative URLs: the console is served by the API it calls.
 */
export const client = createClient<paths>();
client.use(session);

/** The answer's data, or its problem+json thrown as an ApiProblem. */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiProblem.of(response.status, error, response.statusText);
  return data as T;
}

/** If-Match and Idempotency-Key as the API reads them. */
export function commandHeaders(options: CommandOptions): { 'If-Match'?: string; 'Idempotency-Key'?: string } {
  return {
    ...(options.ifMatch === undefined ? {} : { 'If-Match': `"${options.ifMatch}"` }),
    ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
  };
}

/** A search form's values without its empty fields (an empty field filters nothing). */
export function filled<Q extends object>(query: Q): Q {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Q;
}

/** Saves an answer as a file (transfer files, exports): the bearer token rules out a plain link. */
export async function download(
  call: Promise<{ data?: Blob; error?: unknown; response: Response }>,
  fallbackName: string,
): Promise<string> {
  const { response } = await call;
  const blob = await answer(call);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
