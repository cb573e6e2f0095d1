import type { IncomingMessage } from 'node:http';

/** Any of these headers marks a browser request as preflighted (CSRF prevention). */
export const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'] as const;

/**
 * Headers outside the CORS-safelist that clients send on their own, so a browser preflights them:
 * graphql-sse's single-connection mode names its stream with this one on every request.
 */
const PREFLIGHTED_BY_CLIENTS = ['x-graphql-event-stream-token'] as const;

/** Methods a browser sends cross-site without a CORS preflight. */
const SIMPLE_METHODS = ['GET', 'HEAD', 'POST'];

/** Content types a browser sends cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Whether a browser could only have sent this request after a CORS preflight: anything but a
 * "simple" request (a GET, or a form-like POST) qualifies (a PUT or DELETE always does), and so does a
 * simple one carrying one of the CSRF headers or a client's own non-safelisted header, which a
 * cross-site page cannot set without a preflight.
 */
export function wasPreflighted(req: IncomingMessage): boolean {
  if (!SIMPLE_METHODS.includes(req.method ?? 'GET')) return true;
  const contentType = req.headers['content-type']?.toLowerCase();
  if (req.method !== 'GET' && contentType && !SIMPLE_CONTENT_TYPES.some((type) => contentType.startsWith(type))) return true;
  return [...CSRF_HEADERS, ...PREFLIGHTED_BY_CLIENTS].some((name) => req.headers[name] !== undefined);
}
