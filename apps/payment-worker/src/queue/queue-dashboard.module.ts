import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, type Role } from '@kenpo/kernel';
import { problemFor, problemJson, TokenVerifier } from '@kenpo/platform';
import { PAYOUT_QUEUE } from './payout-run-job.js';
import { PayoutQueueModule } from './payout-queue.module.js';

export const DASHBOARD_ROUTE = '/queues';
export const DASHBOARD_ROLES = ['payment-operator', 'admin'] as const satisfies readonly Role[];
/** Set by the console (POST /auth/queues-session): a browser cannot send an Authorization header on navigation. */
export const QUEUES_COOKIE = 'kenpo_queues';

/** The Authorization header, else the console's HttpOnly cookie (sent to /queues only). */
function credentials(request: Request): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  const pair = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${QUEUES_COOKIE}=`));
  return pair ? `Bearer ${decodeURIComponent(pair.slice(QUEUES_COOKIE.length + 1))}` : undefined;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/** A refusal as problem+json; the message names the rule only. */
class MethodNotAllowed extends Error {}

function refuse(request: Request, response: Response, error: unknown): void {
  if (error instanceof MethodNotAllowed) {
    response.setHeader('Allow', 'GET, HEAD');
    const message = 'the queue dashboard is read-only: runs and the payout schedule change through the API';
    const violations = [{ field: 'method', rule: 'dashboard_read_only', message }];
    const problem = { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: message, violations };
    response.status(405).type('application/problem+json').send(problemJson(problem, request)); // instance and messages masked like every problem
    return;
  }
  const problem = problemFor(error);
  response.status(problem.status).type('application/problem+json').send(problemJson(problem, request)); // instance and messages masked like every problem
}

/**
 * The dashboard is plain Express, outside the global guard: the same bearer tokens are checked here (401/403).
 * It is read-only (issue 13.8): besides the board's readOnlyMode, anything but GET/HEAD is refused (405), so no job
 * can be added, retried, removed or promoted and the queue can be neither paused nor cleaned through it.
 */
export function dashboardAuth(verifier: TokenVerifier) {
  return (request: Request, response: Response, next: NextFunction): void => {
    verifier
      .verify(credentials(request))
      .then((actor) => {
        if (!(DASHBOARD_ROLES as readonly Role[]).includes(actor.role))
          throw new ForbiddenError('role_not_allowed', `role ${actor.role} may not open the queue dashboard`);
        if (!READ_METHODS.has(request.method)) throw new MethodNotAllowed();
        next();
      })
      .catch((error: unknown) => refuse(request, response, error));
  };
}

/** Nest hands route middleware the full URL; the board's router expects it relative to /queues. */
function mounted(router: RequestHandler): RequestHandler {
  return (request, response, next) => {
    const url = request.url;
    if (request.url.startsWith(DASHBOARD_ROUTE)) request.url = request.url.slice(DASHBOARD_ROUTE.length) || '/';
    router(request, response, (error?: unknown) => {
      request.url = url;
      next(error);
    });
  };
}

/**
 * The queue dashboard at /queues (bull-board). Mounted by hand with @bull-board/express: @bull-board/nestjs is
 * CommonJS and require()s the ESM-only Nest 12, which Jest's module runtime on Node 20 cannot load. bull-board is
 * loaded when the dashboard is mounted, not by importing this package (a process without a port never mounts it).
 */
@Module({ imports: [PayoutQueueModule] })
export class QueueDashboardModule implements NestModule {
  constructor(
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async configure(consumer: MiddlewareConsumer): Promise<void> {
    // One import after the other: Jest's ESM runtime fails concurrent imports that share a dependency.
    const { createBullBoard } = await import('@bull-board/api');
    const { BullMQAdapter } = await import('@bull-board/api/bullMQAdapter');
    const { ExpressAdapter } = await import('@bull-board/express');
    const adapter = new ExpressAdapter();
    adapter.setBasePath(DASHBOARD_ROUTE);
    // @bull-board/express pins its own copy of @bull-board/api; the two copies' types differ only nominally.
    type ServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
    const queues = [new BullMQAdapter(this.queue, { readOnlyMode: true, allowRetries: false })];
    createBullBoard({ queues, serverAdapter: adapter as unknown as ServerAdapter });
    consumer
      .apply(dashboardAuth(this.verifier), mounted(adapter.getRouter() as RequestHandler))
      .forRoutes(
        { path: DASHBOARD_ROUTE, method: RequestMethod.ALL },
        { path: `${DASHBOARD_ROUTE}/*path`, method: RequestMethod.ALL },
      );
  }
}
