import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendProblem } from './send-problem.js';

const WINDOW_MS = 60_000;
const PRUNE_ABOVE = 10_000;

interface Window {
  start: number;
  count: number;
}

type Request = IncomingMessage & { ip?: string; originalUrl?: string };

/**
 * `perMinute` requests per client address and minute (fixed windows; 0 switches it off), then 429 problem+json
 * with Retry-After. Plain middleware ahead of authentication and body parsing, so every request counts: without a
 * token, with a huge body, on /queues, on unknown routes. /health has a bucket of its own, so a client's flood
 * cannot make an orchestrator's probes fail (and probes cannot eat a client's budget). Counters live in this
 * process: each API instance limits on its own. Behind a proxy, set Express's `trust proxy` so `req.ip` is the caller.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly perMinute: number,
    /** Wall time, not the business Clock: a test that fixes the business date must not freeze the windows. */
    private readonly now: () => number = Date.now,
  ) {}

  middleware() {
    return (request: Request, response: ServerResponse, next: (error?: unknown) => void): void => {
      if (this.perMinute === 0) return next();
      const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      const bucket = (request.url ?? '').startsWith('/health') ? `health ${address}` : address;
      const { count, retryAfterSeconds } = this.count(bucket);
      response.setHeader('RateLimit-Limit', this.perMinute);
      response.setHeader('RateLimit-Remaining', Math.max(0, this.perMinute - count));
      if (count <= this.perMinute) return next();
      sendProblem(
        request,
        response,
        {
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          code: 'rate_limited',
          detail: `too many requests: at most ${this.perMinute} per minute`,
        },
        { 'Retry-After': retryAfterSeconds },
      );
    };
  }

  private count(bucket: string): { count: number; retryAfterSeconds: number } {
    const now = this.now();
    let window = this.windows.get(bucket);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= PRUNE_ABOVE) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(bucket, window);
    }
    window.count++;
    return { count: window.count, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
