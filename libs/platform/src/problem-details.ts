import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type Violation } from '@kenpo/kernel';
import { problemJson } from './http/send-problem.js';
import { DependencyUnavailableError, storageFailureOf } from './dependencies/dependency-unavailable.js';
import type { Response } from 'express';

const STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rule_violation: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The stable `code` of a problem raised by the framework rather than by our coded errors. */
const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'service_unavailable',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  violations?: readonly Violation[];
  instance?: string;
  /** On 503: the part that is down or full (as /health names it). */
  dependency?: string;
}

/** A dependency that failed under the request: what answers 503, and when to come back. */
export function dependencyFailureOf(error: unknown): DependencyUnavailableError | null {
  return error instanceof DependencyUnavailableError ? error : storageFailureOf(error);
}

export function problemFor(error: unknown): ProblemDetails {
  const unavailable = dependencyFailureOf(error);
  if (unavailable) {
    return {
      type: `urn:kenpo:problem:${unavailable.code}`,
      title: TITLES[503]!,
      status: 503,
      detail: unavailable.message,
      code: unavailable.code,
      dependency: unavailable.dependency,
    };
  }
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    return {
      type: `urn:kenpo:problem:${error.code}`,
      title: TITLES[status]!,
      status,
      detail: error.message,
      code: error.code,
      violations: error.violations,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const code = CODES[status] ?? `http_${status}`;
    if (typeof body === 'string')
      return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: body, code };
    // Keep structured bodies (e.g. the health check's per-component report) beside the problem fields.
    const { message, statusCode: _statusCode, error: errorName, ...extra } = body as Record<string, unknown>;
    const detail = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    return {
      ...extra,
      ...(typeof errorName === 'object' ? { error: errorName } : {}),
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code: typeof extra.code === 'string' ? extra.code : code,
    } as ProblemDetails;
  }
  const bodyParserStatus = (error as { status?: unknown; type?: unknown })?.status;
  if (typeof bodyParserStatus === 'number' && bodyParserStatus >= 400 && bodyParserStatus < 500) {
    // express body-parser: malformed JSON (400) or an oversized body (413).
    return {
      type: 'about:blank',
      title: TITLES[bodyParserStatus] ?? 'Bad Request',
      status: bodyParserStatus,
      detail: bodyParserStatus === 413 ? 'request body too large' : 'request body is not valid JSON',
      code: bodyParserStatus === 413 ? 'payload_too_large' : 'malformed_json',
    };
  }
  return { type: 'about:blank', title: TITLES[500]!, status: 500, detail: 'internal error', code: 'internal_error' };
}

/** Every error leaves as application/problem+json (RFC 9457). Unknown errors are logged without request data. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<{ originalUrl?: string; url?: string }>();
    const problem = problemFor(error);
    const unavailable = dependencyFailureOf(error);
    if (unavailable) {
      this.logger.warn(`${unavailable.code}: ${(error as Error).message}`);
      if (!response.headersSent) response.setHeader('Retry-After', unavailable.retryAfterSeconds);
    } else if (problem.status >= 500) {
      this.logger.error(`${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.stack ?? String(error)}`);
    }
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').send(problemJson(problem, request));
  }
}
