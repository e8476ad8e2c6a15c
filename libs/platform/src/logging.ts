import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskIndividualNumbers } from '@kenpo/security';
import { decodedPath } from './http/send-problem.js';

/** Fields that may carry personal data: never written to a log, at any depth we know of. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'individualNumber',
  '*.individualNumber',
  '*.*.individualNumber',
  'name',
  '*.name',
  'nameKana',
  '*.nameKana',
  'address',
  '*.address',
  'postalCode',
  '*.postalCode',
  'dateOfBirth',
  '*.dateOfBirth',
  'holderName',
  '*.holderName',
  'accountNumber',
  '*.accountNumber',
  'body',
  '*.body',
];

/**
 * Log lines go to stdout synchronously: one write(2) of a line costs microseconds, while pino's default asynchronous
 * stream hands every line to libuv's thread pool, and waking a pool thread per request line was a third of the CPU
 * of a GET /eligibility (issue 16.2's profile). A line written is also in the kernel's hands even if the process is
 * killed the next instant.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kenpo-back-office' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A client's id, echoed and logged only if it carries no 12-digit number (it could be an Individual Number). */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const usable = typeof given === 'string' && REQUEST_ID.test(given) && maskIndividualNumbers(given) === given;
  return usable ? given : randomUUID();
}

const errorFields = (error: Error) => ({
  type: error.name,
  message: maskIndividualNumbers(String(error.message)),
  stack: error.stack === undefined ? undefined : maskIndividualNumbers(error.stack),
});

/**
 * One JSON line per request with a request id (X-Request-Id echoed or generated), once it is answered, aborted or
 * failed; bodies are never logged. Every field of the line is built here from what may be logged (the id checked
 * above, the method, the path and error texts with Individual Numbers masked, the status, the time), so the line skips
 * the redaction of other log lines: none of its paths can match these fields, and @pinojs/redact parses every path
 * again for every key logged, a third of the memory a GET /eligibility allocated (issue 16.2). Written here rather
 * than by pino-http for the same reason: a child logger per request, and copies of the request's and response's
 * headers for serializers that keep none of them.
 */
export function requestLogging(logger: Logger) {
  const lines = logger.child({}, { redact: [] });
  return (
    request: IncomingMessage & { originalUrl?: string },
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const started = Date.now();
    const id = requestIdOf(request);
    response.setHeader('X-Request-Id', id);
    let logged = false;
    const log = (error?: Error) => {
      if (logged) return;
      logged = true;
      const statusCode = response.statusCode;
      const req = {
        id,
        method: request.method,
        path: maskIndividualNumbers(decodedPath(request.originalUrl ?? request.url ?? '')),
      };
      const responseTime = Date.now() - started;
      if (error || statusCode >= 500) {
        const err = errorFields(error ?? new Error(`failed with status code ${statusCode}`));
        lines.error({ req, res: { statusCode }, err, responseTime }, 'request errored');
      } else {
        const completed = !request.readableAborted && response.writableEnded;
        lines[statusCode >= 400 ? 'warn' : 'info'](
          { req, res: { statusCode }, responseTime },
          completed ? 'request completed' : 'request aborted',
        );
      }
    };
    response.once('finish', log);
    response.once('close', log);
    response.once('error', log);
    next();
  };
}

/** Messages may quote a path or input: an Individual Number typed there must not reach the log. */
const text = (message: unknown) => maskIndividualNumbers(String(message));

/** Nest's logger on top of pino, so framework messages are structured and redacted too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, text(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace: trace === undefined ? undefined : text(trace) }, text(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, text(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, text(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, text(message));
  }
}
