import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemDetails } from '../problem-details.js';
import { assertJsonDepth, JsonTooDeepError } from './json-depth.js';
import { sendProblem } from './send-problem.js';

/** 10,000 medical cost records fit well within 8 MB; anything larger is refused with 413. */
export const JSON_BODY_LIMIT = '8mb';

/** body-parser's `verify` hook: the raw body's depth is checked before it is parsed. */
export function verifyJsonDepth(_request: unknown, _response: unknown, body: Buffer, encoding: string | null): void {
  if (!encoding || /^utf-?8$/i.test(encoding)) return assertJsonDepth(body);
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(body);
  } catch {
    return; // an encoding TextDecoder lacks: body-parser refuses it or decodes it itself
  }
  assertJsonDepth(text);
}

const problem = (status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}) => ({
  type: 'about:blank',
  title: ({ 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' } as Record<number, string>)[
    status
  ]!,
  status,
  code,
  detail,
  ...extra,
});

/** Our own words for every body-parser failure: its messages quote the input and are never sent or logged. */
function problemOfBodyError(error: { type?: unknown; status?: unknown }): ProblemDetails {
  if (error instanceof JsonTooDeepError) {
    const message = error.message;
    return problem(400, 'json_too_deep', `request body is ${message}`, {
      violations: [{ field: error.field || '(body)', rule: 'max_depth', message }],
    });
  }
  switch (error.type) {
    case 'entity.too.large':
      return problem(413, 'body_too_large', `request body is larger than ${JSON_BODY_LIMIT.toUpperCase()}`);
    case 'charset.unsupported':
      return problem(415, 'unsupported_charset', 'request body charset must be UTF-8');
    case 'encoding.unsupported':
      return problem(415, 'unsupported_content_encoding', 'Content-Encoding must be identity, gzip, deflate or br');
    case 'request.size.invalid':
      return problem(400, 'body_length_mismatch', 'request body length does not match Content-Length');
    case 'request.aborted':
      return problem(400, 'request_aborted', 'the request body was not received completely');
    default:
      return problem(400, 'malformed_json', 'request body is not valid JSON');
  }
}

/** Express error middleware placed right after the JSON parser: its errors leave as our problem+json. */
export function jsonBodyErrors() {
  return (
    error: { type?: unknown; status?: unknown },
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status < 400 || status >= 500) return next(error);
    sendProblem(request, response, problemOfBodyError(error));
  };
}
