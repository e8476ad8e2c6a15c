import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { TokenVerifier } from '../auth/token-verifier.js';
import type { AppConfig } from '../config.js';
import { requestLogging } from '../logging.js';
import { authenticate, type CookieCredentials } from './authenticate.js';
import { JSON_BODY_LIMIT, jsonBodyErrors, verifyJsonDepth } from './json-body.js';
import { RateLimiter } from './rate-limit.js';
import { securityHeaders } from './security-headers.js';
import { applyServerTimeouts } from './server-timeouts.js';

export interface HttpEdgeOptions {
  /** Paths open without a token besides /health and the OpenAPI page: the application's other @Public routes. */
  publicPaths?: readonly RegExp[];
  cookieCredentials?: CookieCredentials;
}

/** Open without a token: the health check, the OpenAPI page where it is served, and the application's own. */
export function publicPath(config: AppConfig, more: readonly RegExp[] = []): (path: string) => boolean {
  const docs = config.runs('api') && config.apiDocs;
  return (path) =>
    /^\/health(?:\/|$)/.test(path) ||
    (docs && /^\/docs(?:[/-]|$)/.test(path)) ||
    more.some((pattern) => pattern.test(path));
}

/**
 * What every request meets before any route, in this order: a request id and log line, the security headers and
 * no-store, the rate limit, authentication, and only then the JSON body (size, depth, our own parser errors).
 * Nothing reads a body for a client that is limited or unauthenticated. Slow clients are cut off by the server.
 */
export function installHttpEdge(
  app: NestExpressApplication,
  config: AppConfig,
  logger: Logger,
  options: HttpEdgeOptions = {},
): void {
  app.disable('x-powered-by');
  applyServerTimeouts(app.getHttpServer(), {
    headersMs: config.values.HEADERS_TIMEOUT_MS,
    requestMs: config.values.REQUEST_TIMEOUT_MS,
  });
  app.use(requestLogging(logger));
  app.use(securityHeaders());
  app.use(new RateLimiter(config.values.RATE_LIMIT_PER_MINUTE).middleware());
  app.use(authenticate(app.get(TokenVerifier), publicPath(config, options.publicPaths), options.cookieCredentials));
  // Nest's types leave out body-parser's `verify`, which it passes through unchanged (rawBody is off).
  const json = { limit: JSON_BODY_LIMIT, verify: verifyJsonDepth } as NestExpressBodyParserOptionsFor<'json'>;
  app.useBodyParser('json', json);
  app.use(jsonBodyErrors());
}
