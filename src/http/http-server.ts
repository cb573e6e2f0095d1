import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Metrics } from '../infra/metrics.js';

export interface HttpServerOptions {
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** How often node:http looks for requests past their headers timeout (its default, 30 s, would let them overstay). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * A node:http server that gives each client a bounded time to send a request: its headers within
 * `headersTimeoutMs` (node:http answers 408 itself; counted here as slow_headers), then its body
 * within `bodyTimeoutMs` (enforced by the edge, which reads it).
 */
export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void, options: HttpServerOptions, metrics: Metrics) {
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      // The whole request, as an outer bound: the edge's own body limit answers first, with a reason.
      requestTimeout: options.headersTimeoutMs + options.bodyTimeoutMs + 5000,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    handler,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    metrics.httpRequestsRejected.inc({ reason: timedOut ? 'slow_headers' : 'bad_request' });
    if (!socket.writable) return socket.destroy();
    socket.end(timedOut ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}
