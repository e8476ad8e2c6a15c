import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { type Locate, LOCATION_METADATA, REVISION_ETAG_METADATA } from './http-shape.js';

function revisionOf(body: unknown): number | null {
  const revision = (body as { revision?: unknown } | null)?.revision;
  return Number.isSafeInteger(revision) && (revision as number) >= 0 ? (revision as number) : null;
}

/**
 * Sets `Location` (201/202) and `ETag: "<revision>"` from a successful answer's body, as the route's decorators ask.
 * Global, hence outside the Idempotency-Key interceptor: a replayed answer gets the same headers as the first.
 */
@Injectable()
export class HttpShapeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const targets = [context.getHandler(), context.getClass()];
    const locate = this.reflector.getAllAndOverride<Locate | undefined>(LOCATION_METADATA, targets);
    const etag = this.reflector.getAllAndOverride<boolean | undefined>(REVISION_ETAG_METADATA, targets);
    if (!locate && !etag) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const status = response.statusCode;
        if (status < 200 || status >= 300 || body === null || typeof body !== 'object') return body;
        if (locate && (status === 201 || status === 202)) response.setHeader('Location', locate(body as never));
        const revision = etag ? revisionOf(body) : null;
        if (revision !== null) response.setHeader('ETag', `"${revision}"`);
        return body;
      }),
    );
  }
}
