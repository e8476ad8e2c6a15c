import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Next = (error?: unknown) => void;

const helmetMiddleware = helmet();

/** Paths whose answers may be cached: the OpenAPI page and its assets carry no personal data. */
const CACHEABLE = /^\/docs(?:[/-]|$)/;

/** Removed as the headers go out: a mounted Express sub-app (the queue dashboard) sets it again on its own. */
function stripPoweredByOnWrite(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    this.removeHeader('X-Powered-By');
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

/**
 * First in the chain, so every answer carries them, whatever answers it (a parser error, 401, 404, 429, /queues):
 * helmet's headers, no X-Powered-By, and `Cache-Control: no-store` by default, since answers carry personal data
 * (members, claims, payouts, transfer files, compliance answers and exports) and no proxy or browser may keep them.
 */
export function securityHeaders() {
  return (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    stripPoweredByOnWrite(response);
    if (!CACHEABLE.test(request.url ?? '')) response.setHeader('Cache-Control', 'no-store');
    helmetMiddleware(request, response, next);
  };
}

/** The headers helmet sets, as a block for answers written straight to a socket (timeouts, malformed requests). */
export function securityHeaderBlock(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  helmetMiddleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return { ...headers, 'Cache-Control': 'no-store' };
}
