import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { securityHeaderBlock } from './security-headers.js';
import { ANSWERED_EARLY } from './send-problem.js';

export interface ServerTimeouts {
  /** All request headers must arrive within this many ms. */
  headersMs: number;
  /** The whole request, body included, must arrive within this many ms (a handler may then take its time). */
  requestMs: number;
}

const STATUS_OF: Record<string, number> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_OVERFLOW: 431,
};

/**
 * Slow clients are cut off: Node answers a request whose headers or body do not arrive in time. The answer is our
 * problem+json with the security headers (408, or 400/431 for requests Node cannot parse), never Node's bare one.
 * Node checks the deadlines every `connectionsCheckingInterval` ms (30 s by default), so that is shortened too.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = Math.min(timeouts.headersMs, timeouts.requestMs);
  server.requestTimeout = timeouts.requestMs;
  // Read by Node when the server starts listening (missing from @types/node 20).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    100,
    Math.min(1_000, Math.floor(server.headersTimeout / 2)),
  );
  const headers = Object.entries(securityHeaderBlock())
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    // Already answered (e.g. 401 before the body was read, which Node then reads and discards): no second answer.
    const answered = response?.headersSent || (socket as object as Record<symbol, boolean>)[ANSWERED_EARLY];
    if (error.code === 'ECONNRESET' || !socket.writable || answered) return socket.destroy();
    const status = STATUS_OF[error.code ?? ''] ?? 400;
    const body = JSON.stringify({
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      code: status === 408 ? 'request_timeout' : status === 431 ? 'headers_too_large' : 'malformed_request',
      detail:
        status === 408
          ? 'the request did not arrive in time'
          : status === 431
            ? 'request headers are too large'
            : 'the request is not valid HTTP',
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${headers}` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
