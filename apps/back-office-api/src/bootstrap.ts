import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import {
  type AppConfig,
  type CookieCredentials,
  createLogger,
  PinoNestLogger,
  PrototypedExpressAdapter,
  ProblemDetailsFilter,
  type RedisOptions,
  installHttpEdge,
} from '@kenpo/platform';
import type { Clock } from '@kenpo/kernel';
import { AppModule } from './app.module.js';
import { HttpShapeInterceptor } from './http/http-shape.interceptor.js';

export interface BackOfficeOptions {
  /** Where the JSON log lines go (stdout by default); tests capture them to scan for personal data. */
  logDestination?: DestinationStream;
  /** The source of "now" (the system clock by default); tests pass one they can move to another date. */
  clock?: Clock;
}

/** Builds the configured application (used by main.ts and by the end-to-end tests). */
export async function createBackOffice(
  config: AppConfig,
  redis: RedisOptions,
  options: BackOfficeOptions = {},
): Promise<NestExpressApplication> {
  const logger = createLogger(config.values.LOG_LEVEL, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(
    await AppModule.register(config, redis, options.clock),
    new PrototypedExpressAdapter(),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  installHttpEdge(app, config, logger, {
    // Read by the browser before it has a token: the console's page and assets, its sign-in settings and (outside
    // production) its development sign-in. Every @Public route is listed here; the role matrix checks it.
    publicPaths: [/^\/console(?:\/|$)/, /^\/auth\/dev-token$/],
    // A browser navigating to the queue dashboard cannot send a header: the console puts the token in a cookie.
    cookieCredentials: await dashboardCookie(config),
  });
  // The API's own pieces are loaded only where it runs (see AppModule).
  if (config.runs('api')) {
    // One import after the other: Jest's ESM runtime fails concurrent imports that share a dependency.
    const { CONSOLE_ROUTE, consoleAssets } = await import('./console/console-assets.js');
    const { eligibilityFastPath } = await import('./queries/eligibility-fast-path.js');
    const { EligibilityLookup } = await import('./queries/eligibility.service.js');
    app.use(CONSOLE_ROUTE, consoleAssets(config));
    // After the edge (log, headers, limit, token), before Nest's routes: see eligibility-fast-path.ts.
    app.use(eligibilityFastPath(app.get(EligibilityLookup)));
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  // The API's DTOs are validated; a process without the API serves /health alone, which takes no input.
  if (config.runs('api')) app.useGlobalPipes((await import('@kenpo/platform/validation')).strictValidationPipe());
  // ETags are revisions (see RevisionETag), never Express's hash of the body, which If-Match could not match.
  app.set('etag', false);
  app.useGlobalInterceptors(new HttpShapeInterceptor(app.get(Reflector)));
  if (config.runs('api') && config.apiDocs) {
    const { SwaggerModule } = await import('@nestjs/swagger');
    const { openApiDocument } = await import('./openapi/openapi-document.js');
    SwaggerModule.setup('docs', app, await openApiDocument(app));
  }
  return app;
}

/** The queue dashboard's cookie, where the dashboard is mounted (the payment worker's code is loaded only there). */
async function dashboardCookie(config: AppConfig): Promise<CookieCredentials | undefined> {
  if (!config.runs('api') && !config.runs('worker')) return undefined;
  const { DASHBOARD_ROUTE, QUEUES_COOKIE } = await import('@kenpo/payment-worker');
  return { pathPrefix: DASHBOARD_ROUTE, cookie: QUEUES_COOKIE };
}
