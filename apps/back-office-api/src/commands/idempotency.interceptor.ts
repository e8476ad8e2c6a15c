import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ConflictError, RuleViolation } from '@kenpo/kernel';
import { type AuthenticatedRequest, problemFor, REDIS_OPTIONS, type RedisOptions } from '@kenpo/platform';
import { IndividualNumberVault, maskIndividualNumbers } from '@kenpo/security';

interface StoredAnswer {
  /** The vault's request digest (keyed, its key replaced at every erasure), never a plain hash of the body. */
  fingerprint: string;
  status: number;
  contentType: string;
  body: unknown;
}

const TTL_SECONDS = 24 * 3600;
const PENDING = 'pending';

/**
 * Idempotency-Key on a command: the first answer (success or problem) is kept for 24 hours in Redis, which every
 * API process shares, and returned for a retry of the same request without executing it again. The same key with
 * a different request is refused (422); a retry while the first is still running gets 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @Inject(REDIS_OPTIONS) options: RedisOptions,
    private readonly vault: IndividualNumberVault,
  ) {
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 2, lazyConnect: true });
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !request.actor || request.method === 'GET') return next.handle();
    return from(this.once(`idempotency:${request.actor.id}:${key}`, request, response, next));
  }

  private async once(redisKey: string, request: Request, response: Response, next: CallHandler): Promise<unknown> {
    if (this.redis.status === 'wait') await this.redis.connect();
    // A body may hold an Individual Number: a plain hash of it would let anyone holding Redis confirm a guessed
    // number even after erasure. The vault's digest key is replaced at every erasure, so old digests stop matching
    // anything; such a record can no longer be checked and its answer is replayed as it is.
    const requestText = `${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`;
    const fingerprint = await this.vault.requestDigest(requestText);
    const claimed = await this.redis.set(redisKey, PENDING, 'EX', TTL_SECONDS, 'NX');
    if (claimed !== 'OK') {
      const stored = await this.redis.get(redisKey);
      if (stored === null || stored === PENDING) {
        throw new ConflictError(
          'idempotency_in_progress',
          'a request with this Idempotency-Key is still being processed',
        );
      }
      const answer = JSON.parse(stored) as StoredAnswer;
      if ((await this.vault.requestDigestMatches(answer.fingerprint, requestText)) === false) {
        throw RuleViolation.of('Idempotency-Key', 'idempotency_key_reused', 'was already used for a different request');
      }
      response.status(answer.status).type(answer.contentType).setHeader('Idempotent-Replayed', 'true');
      return answer.body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const answer: StoredAnswer = { fingerprint, status: response.statusCode, contentType: 'application/json', body };
      await this.redis.set(redisKey, JSON.stringify(answer), 'EX', TTL_SECONDS);
      return body;
    } catch (error) {
      const problem = problemFor(error);
      if (problem.status >= 500 || problem.code === 'idempotency_in_progress') {
        await this.redis.del(redisKey); // nothing was decided: let the client retry
      } else {
        const answer: StoredAnswer = {
          fingerprint,
          status: problem.status,
          contentType: 'application/problem+json',
          body: { ...problem, instance: maskIndividualNumbers(request.path) },
        }; // as the problem filter renders it
        await this.redis.set(redisKey, JSON.stringify(answer), 'EX', TTL_SECONDS);
      }
      throw error;
    }
  }
}
