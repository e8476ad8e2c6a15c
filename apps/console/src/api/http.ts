import { ApiProblem } from './problem';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
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

export function urlOf(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function headersOf(options: RequestOptions): Headers {
  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  const token = currentToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.ifMatch !== undefined) headers.set('if-match', `"${options.ifMatch}"`);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  return headers;
}

export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const response = await fetch(urlOf(path, options.query), {
    method,
    headers: headersOf(options),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401 && currentToken()) onUnauthorized();
  if (!response.ok) throw await ApiProblem.from(response);
  return response;
}

export async function json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Saves an answer as a file (transfer files, exports): the bearer token rules out a plain link. */
export async function download(path: string, query: RequestOptions['query'], fallbackName: string): Promise<string> {
  const response = await send('GET', path, { query });
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
