import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '@kenpo/kernel';
import { AppConfig } from './config.js';

const WINDOW_MS = 60_000;
const PRUNE_ABOVE = 10_000;

interface Window {
  start: number;
  count: number;
}

/**
 * RATE_LIMIT_PER_MINUTE requests per client address and minute (fixed windows; 0 switches it off), then 429
 * problem+json with Retry-After. Registered before the AuthGuard, so requests without a valid token count too;
 * /health is never limited (orchestrator probes). Counters live in this process: each API instance limits on its
 * own, without a Redis round trip per request. Behind a proxy, set Express's `trust proxy` so `req.ip` is the caller.
 * (@nestjs/throttler 6 is CommonJS requiring the ESM @nestjs/common 12, which jest on Node 20 cannot load.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.limit = config.values.RATE_LIMIT_PER_MINUTE;
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.limit === 0 || context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ ip?: string; path?: string; socket?: { remoteAddress?: string } }>();
    if ((request.path ?? '').startsWith('/health')) return true;
    const now = this.clock.now().getTime();
    const key = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= PRUNE_ABOVE) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const response = http.getResponse<{ setHeader(name: string, value: string | number): void }>();
    response.setHeader('RateLimit-Limit', this.limit);
    response.setHeader('RateLimit-Remaining', Math.max(0, this.limit - window.count));
    if (window.count > this.limit) {
      response.setHeader('Retry-After', Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)));
      throw new HttpException(`too many requests: at most ${this.limit} per minute`, HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
