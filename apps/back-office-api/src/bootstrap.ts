import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import {
  type AppConfig,
  createLogger,
  PinoNestLogger,
  PrototypedExpressAdapter,
  ProblemDetailsFilter,
  type RedisOptions,
  installHttpEdge,
  strictValidationPipe,
} from '@kenpo/platform';
import type { Clock } from '@kenpo/kernel';
import { DASHBOARD_ROUTE, QUEUES_COOKIE } from '@kenpo/payment-worker';
import { AppModule } from './app.module.js';
import { HttpShapeInterceptor } from './http/http-shape.interceptor.js';
import { eligibilityFastPath } from './queries/eligibility-fast-path.js';
import { EligibilityLookup } from './queries/eligibility.service.js';
import { CONSOLE_ROUTE, consoleAssets } from './console/console-assets.js';
import { openApiDocument } from './openapi/openapi-document.js';

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
    AppModule.register(config, redis, options.clock),
    new PrototypedExpressAdapter(),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  installHttpEdge(app, config, logger, {
    // Read by the browser before it has a token: the console's page and assets, its sign-in settings and (outside
    // production) its development sign-in. Every @Public route is listed here; the role matrix checks it.
    publicPaths: [/^\/console(?:\/|$)/, /^\/auth\/dev-token$/],
    // A browser navigating to the queue dashboard cannot send a header: the console puts the token in a cookie.
    cookieCredentials: { pathPrefix: DASHBOARD_ROUTE, cookie: QUEUES_COOKIE },
  });
  if (config.runs('api')) {
    app.use(CONSOLE_ROUTE, consoleAssets(config));
    // After the edge (log, headers, limit, token), before Nest's routes: see eligibility-fast-path.ts.
    app.use(eligibilityFastPath(app.get(EligibilityLookup)));
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(strictValidationPipe());
  // ETags are revisions (see RevisionETag), never Express's hash of the body, which If-Match could not match.
  app.set('etag', false);
  app.useGlobalInterceptors(new HttpShapeInterceptor(app.get(Reflector)));
  if (config.runs('api') && config.apiDocs) SwaggerModule.setup('docs', app, await openApiDocument(app));
  return app;
}
