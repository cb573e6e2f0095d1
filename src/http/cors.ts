import type { IncomingMessage, ServerResponse } from 'node:http';

const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
/** Response headers browser code may read: the request id to quote, and when to retry. */
const EXPOSED = 'X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, X-Cache';
const MAX_AGE_SECONDS = '600';

/**
 * CORS for the configured origins, with credentials: a listed origin is echoed back (and the
 * answer varies on it); any other gets no grant, so its browser refuses to show the response.
 * Returns true when it answered a preflight itself.
 */
export function createCors(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method !== 'OPTIONS') return false;
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Methods', METHODS);
      const requested = req.headers['access-control-request-headers'];
      if (requested) {
        res.setHeader('Access-Control-Allow-Headers', requested);
        res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
      }
      res.setHeader('Access-Control-Max-Age', MAX_AGE_SECONDS);
    }
    res.writeHead(204, { 'content-length': '0' }).end();
    return true;
  };
}
