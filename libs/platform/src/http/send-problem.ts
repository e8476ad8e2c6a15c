import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskIndividualNumbers } from '@kenpo/security';
import type { ProblemDetails } from '../problem-details.js';

/** A path as it was meant (`%20` a space), so a number written with encoded separators is recognised. */
export function decodedPath(url: string): string {
  const path = url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The request path as a problem's `instance`: no query string, decoded, Individual Numbers masked. */
export function instanceOf(request: { originalUrl?: string; url?: string }): string {
  return maskIndividualNumbers(decodedPath(request.originalUrl ?? request.url ?? ''));
}

/**
 * A problem as sent: its `instance`, and every written 12-digit number in it masked, wherever a message quoted one
 * (a framework's "Cannot GET /members/…", a library's error text).
 */
export function problemJson(problem: ProblemDetails, request: { originalUrl?: string; url?: string }): string {
  return maskIndividualNumbers(JSON.stringify({ ...problem, instance: instanceOf(request) }));
}

/**
 * Writes a problem+json answer from plain middleware (before Nest's exception filter exists for the request).
 * The headers set earlier in the chain (security headers, Cache-Control, request id) stay.
 */
/** Set on a connection answered before its request body was read: the server does not answer it twice. */
export const ANSWERED_EARLY = Symbol('kenpo:answeredEarly');

export function sendProblem(
  request: IncomingMessage & { originalUrl?: string },
  response: ServerResponse,
  problem: ProblemDetails,
  headers: Record<string, string | number> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const body = problemJson(problem, request);
  if (!request.complete) (request.socket as object as Record<symbol, boolean>)[ANSWERED_EARLY] = true;
  response.statusCode = problem.status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(body);
}
