import type { IncomingMessage } from 'node:http';

/**
 * The caller's IP address. Behind one trusted reverse proxy (TRUST_PROXY=true) it is the last
 * X-Forwarded-For entry, the one the proxy appended itself; earlier entries are whatever the
 * client claimed and are never trusted. Without a socket (in-process calls) it is "local".
 */
export function clientIp(req: IncomingMessage | undefined, trustProxy: boolean): string {
  if (!req) return 'local';
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
