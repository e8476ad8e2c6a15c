import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
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

/** One JSON line per request with a request id (X-Request-Id echoed or generated); bodies are never logged. */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      // A client's id is echoed and logged only if it carries no 12-digit number (it could be an Individual Number).
      const usable = typeof given === 'string' && REQUEST_ID.test(given) && maskIndividualNumbers(given) === given;
      const id = usable ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: maskIndividualNumbers(decodedPath(req.url)),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (error: Error) => ({
        type: error?.name,
        message: maskIndividualNumbers(String(error?.message)),
        stack: error?.stack === undefined ? undefined : maskIndividualNumbers(error.stack),
      }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
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
