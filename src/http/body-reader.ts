import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../infra/metrics.js';
import { answerWithErrors, edgeError } from './graphql-errors.js';
import { readBodyWithin } from './request-body.js';

export interface BodyLimits {
  maxBodyBytes: number;
  /** The limit for multipart requests (GraphQL file uploads), which carry files rather than JSON. */
  maxUploadBytes: number;
  bodyTimeoutMs: number;
  bodyReadsPerClient: number;
}

const isMultipart = (req: IncomingMessage) => req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data') ?? false;

/**
 * Reads a request's body within its size and time limits, with at most `bodyReadsPerClient` bodies
 * read at once per client address, so one client trickling bodies over many sockets cannot hold
 * the server's attention. Resolves false when the request was refused (its answer is sent).
 */
export function createBodyReader(limits: BodyLimits, metrics: Metrics) {
  const reading = new Map<string, number>();
  const refuse = (res: ServerResponse, reason: string) => {
    metrics.httpRequestsRejected.inc({ reason });
    res.setHeader('connection', 'close');
  };

  return async (req: IncomingMessage, res: ServerResponse, ip: string): Promise<Buffer | undefined | false> => {
    if (req.method === 'GET' || req.method === 'OPTIONS') return undefined;
    const busy = reading.get(ip) ?? 0;
    if (busy >= limits.bodyReadsPerClient) {
      refuse(res, 'slow_client');
      const message = `Too many requests are still being sent from your address (${busy}); finish them first.`;
      answerWithErrors(req, res, 429, [edgeError(message, 'RATE_LIMITED', { retryAfter: 1 })], { headers: { 'retry-after': '1' }, always: true });
      return false;
    }
    reading.set(ip, busy + 1);
    const maxBytes = isMultipart(req) ? limits.maxUploadBytes : limits.maxBodyBytes;
    let body: Awaited<ReturnType<typeof readBodyWithin>>;
    try {
      body = await readBodyWithin(req, maxBytes, limits.bodyTimeoutMs);
    } finally {
      const left = (reading.get(ip) ?? 1) - 1;
      if (left > 0) reading.set(ip, left);
      else reading.delete(ip);
    }
    if (body === 'aborted') return false;
    if (body === 'too_large') {
      refuse(res, 'body_too_large');
      answerWithErrors(req, res, 413, [edgeError(`The request body is larger than ${maxBytes} bytes.`, 'PAYLOAD_TOO_LARGE')], { always: true });
      return false;
    }
    if (body === 'too_slow') {
      refuse(res, 'slow_body');
      answerWithErrors(req, res, 408, [edgeError(`The request body did not arrive within ${limits.bodyTimeoutMs} ms.`, 'REQUEST_TIMEOUT')], { always: true });
      return false;
    }
    return body;
  };
}
