import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemFor } from '../problem-details.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { sendProblem } from './send-problem.js';

/** A cookie that carries the bearer token for the paths under a prefix (a browser navigating sends no header). */
export interface CookieCredentials {
  pathPrefix: string;
  cookie: string;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  const pair = (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`));
  return pair === undefined ? undefined : decodeURIComponent(pair.slice(name.length + 1));
}

/** The Authorization header, else the token of a cookie meant for this path. */
function credentialsOf(request: IncomingMessage, path: string, cookie?: CookieCredentials): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  if (!cookie || !(path === cookie.pathPrefix || path.startsWith(`${cookie.pathPrefix}/`))) return undefined;
  const token = cookieValue(request.headers.cookie, cookie.cookie);
  return token === undefined ? undefined : `Bearer ${token}`;
}

/**
 * Verifies the bearer token before anything reads the body, so a request without a valid token costs no parsing
 * (a 9 MB body without a token gets 401, not 413) and every route answers 401 alike, unknown ones and /queues
 * included. `isPublic` names the paths open without a token. The AuthGuard then checks the route's roles against
 * `request.actor`.
 */
export function authenticate(verifier: TokenVerifier, isPublic: (path: string) => boolean, cookie?: CookieCredentials) {
  return (
    request: IncomingMessage & AuthenticatedRequest,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const path = (request.url ?? '').split('?')[0]!;
    if (isPublic(path)) return next();
    verifier.verify(credentialsOf(request, path, cookie)).then(
      (actor) => {
        request.actor = actor;
        next();
      },
      (error: unknown) => sendProblem(request, response, problemFor(error)),
    );
  };
}
