import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ConflictError, RuleViolation } from '@kenpo/kernel';
import { AppConfig, type AuthenticatedRequest, onRedis, problemFor, problemJson, REQUEST_REDIS } from '@kenpo/platform';
import { IndividualNumberVault } from '@kenpo/security';
import { idempotencyRecordKey, IdempotencyRecords, type StoredAnswer } from './idempotency-records.js';

const reused = () =>
  RuleViolation.of('Idempotency-Key', 'idempotency_key_reused', 'was already used for a different request');
const inProgress = () =>
  new ConflictError('idempotency_in_progress', 'a request with this Idempotency-Key is still being processed');

/**
 * Idempotency-Key on a command. The first request takes a short lease (IDEMPOTENCY_LEASE_MS, renewed while it
 * runs) and leaves its answer (success or problem) for 24 hours; a retry of the same request gets that answer
 * without running again, and a duplicate sent meanwhile waits for it (at most IDEMPOTENCY_WAIT_MS, then 409). A
 * process that dies mid-request leaves only its lease, which runs out: the retry then runs the command, whose ids
 * derive from the key, so what the first attempt recorded is answered, not recorded twice. That is also why losing
 * Redis's data never makes a retry write twice. The same key with a different request is refused (422).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly records: IdempotencyRecords;
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    @Inject(REQUEST_REDIS) private readonly redis: Redis,
    private readonly vault: IndividualNumberVault,
    config: AppConfig,
  ) {
    this.records = new IdempotencyRecords(redis);
    this.leaseMs = config.values.IDEMPOTENCY_LEASE_MS;
    this.waitMs = config.values.IDEMPOTENCY_WAIT_MS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !request.actor || request.method === 'GET') return next.handle();
    return from(this.once(idempotencyRecordKey(request.actor.id, key), request, response, next));
  }

  private async once(key: string, request: Request, response: Response, next: CallHandler): Promise<unknown> {
    // A body may hold an Individual Number: a plain hash of it would let anyone holding Redis confirm a guessed
    // number even after erasure. The vault's digest key is replaced at every erasure, so old digests stop matching
    // anything; such a record can no longer be checked and its answer is replayed as it is.
    const requestText = `${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`;
    const fingerprint = await this.vault.requestDigest(requestText);
    const deadline = Date.now() + this.waitMs;
    for (let pause = 25; ; pause = Math.min(2 * pause, 250)) {
      const lease = await onRedis(this.redis, () => this.records.claim(key, fingerprint, this.leaseMs));
      if (lease) return this.run(key, lease, fingerprint, request, response, next);
      const record = await onRedis(this.redis, () => this.records.read(key));
      if (record === null) continue; // the lease ran out or was given up just now: claim it
      const same =
        record.fingerprint === fingerprint || (await this.vault.requestDigestMatches(record.fingerprint, requestText));
      if (same === false) throw reused();
      if (record.kind === 'answer') {
        response.status(record.status).type(record.contentType).setHeader('Idempotent-Replayed', 'true');
        return record.body;
      }
      if (Date.now() + pause > deadline) throw inProgress();
      await sleep(pause);
    }
  }

  private async run(
    key: string,
    lease: string,
    fingerprint: string,
    request: Request,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const renewal = setInterval(
      () => void this.quietly('renew', () => this.records.renew(key, lease, this.leaseMs)),
      Math.floor(this.leaseMs / 3),
    );
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keep(key, { fingerprint, status: response.statusCode, contentType: 'application/json', body });
      return body;
    } catch (error) {
      const problem = problemFor(error);
      if (problem.status >= 500) {
        await this.quietly('release', () => this.records.release(key, lease)); // nothing decided: retry may run
      } else {
        // As the problem filter renders it.
        const body = JSON.parse(problemJson(problem, request)) as unknown;
        await this.keep(key, { fingerprint, status: problem.status, contentType: 'application/problem+json', body });
      }
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /** The command is done: an answer Redis does not keep is recomputed by a retry from the recorded events. */
  private keep(key: string, answer: StoredAnswer): Promise<void> {
    return this.quietly('keep the answer', () => this.records.answer(key, answer));
  }

  private async quietly(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await onRedis(this.redis, work);
    } catch (error) {
      this.logger.warn(`idempotency record: could not ${what} (${(error as Error).message})`);
    }
  }
}
