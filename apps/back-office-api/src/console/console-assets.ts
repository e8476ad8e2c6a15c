import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppConfig } from '@kenpo/platform';

export const CONSOLE_ROUTE = '/console';
/** apps/console/dist, from this file in apps/back-office-api/{src,dist}/console. */
export const CONSOLE_DIST = resolve(import.meta.dirname, '../../../console/dist');

/** The console's pages may talk to the API and to the identity provider (token endpoint), nothing else. */
function contentSecurityPolicy(config: AppConfig): string {
  const issuer = config.values.CONSOLE_OIDC_ISSUER ? new URL(config.values.CONSOLE_OIDC_ISSUER).origin : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${issuer ? ` ${issuer}` : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the console's build at /console: hashed assets cached for good, every other path the single page
 * (index.html, never cached, so a new build is picked up on the next load). /console/config.json is the API's.
 */
export function consoleAssets(config: AppConfig, dist = CONSOLE_DIST): RequestHandler {
  const csp = contentSecurityPolicy(config);
  const files = express.static(dist, {
    index: false,
    redirect: false,
    immutable: true,
    maxAge: '365d',
    fallthrough: true,
  });
  const index = join(dist, 'index.html');
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path === '/config.json') return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    response.setHeader('Content-Security-Policy', csp);
    files(request, response, () => {
      if (request.path.startsWith('/assets/')) return next();
      if (!existsSync(index)) {
        response.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.\n');
        return;
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  };
}
