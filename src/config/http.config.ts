import { z } from 'zod';
import { bool, int, isIpOrCidr, type ParsedEnv, type RunMode } from './parsers.js';
import type { storageEnv } from './storage.config.js';

/** Where production serves /metrics when METRICS_PORT is not set (docker-compose and docker/k8s use it). */
const DEFAULT_METRICS_PORT = 9464;

/** The edge: request limits and timeouts, compression, processes, proxies, sockets and persisted operations. */
export const httpEnv = {
  METRICS_PORT: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: int(10000, 100, 600000),
  MAX_BODY_BYTES: int(1_000_000, 1024, 100_000_000),
  MAX_IN_FLIGHT_REQUESTS: int(1000, 1, 1_000_000),
  HTTP_HEADERS_TIMEOUT_MS: int(10_000, 100, 600_000),
  HTTP_BODY_TIMEOUT_MS: int(15_000, 100, 600_000),
  HTTP_BODY_READS_PER_CLIENT: int(32, 1, 100_000),
  COMPRESSION: bool(true),
  COMPRESSION_MIN_BYTES: int(1024, 0, 1_000_000_000),
  MAX_SUBSCRIPTIONS_PER_SOCKET: int(50, 1, 100_000),
  MAX_SUBSCRIPTIONS_PER_CALLER: int(200, 1, 1_000_000),
  WS_MAX_BUFFERED_BYTES: int(4_000_000, 10_000, 1_000_000_000),
  WEB_CONCURRENCY: int(1, 1, 64),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '' || ['false', '0', 'no', 'off'].includes(v)) return false;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      const ranges = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = ranges.filter((range) => !isIpOrCidr(range));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `expected true, false or IP addresses / CIDR ranges of the proxies, got "${bad.join('", "')}"` });
        return z.NEVER;
      }
      return ranges;
    }),
  PERSISTED_OPERATIONS: z.enum(['off', 'allow', 'require']).default('off'),
  PERSISTED_OPERATIONS_MANIFEST: z.string().default('./persisted-operations.json'),
};

type HttpEnv = ParsedEnv<typeof httpEnv> & Pick<ParsedEnv<typeof storageEnv>, 'DATABASE_URL' | 'REDIS_URL'>;

export function httpConfig(e: HttpEnv, mode: RunMode, problems: string[]) {
  if (e.WEB_CONCURRENCY > 1 && (!e.DATABASE_URL || !e.REDIS_URL)) {
    problems.push(
      'WEB_CONCURRENCY: more than one process needs DATABASE_URL and REDIS_URL (the embedded database and the in-process cache and queue belong to one process)',
    );
  }
  const metricsPort = e.METRICS_PORT === undefined || e.METRICS_PORT === '' ? (mode.production ? DEFAULT_METRICS_PORT : 0) : Number(e.METRICS_PORT);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)
    problems.push(`METRICS_PORT: expected a port from 0 to 65535, got "${e.METRICS_PORT}"`);
  return {
    http: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxInFlight: e.MAX_IN_FLIGHT_REQUESTS,
      /** A client that has not sent a request's headers (or its body) within these is answered 408. */
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.HTTP_BODY_TIMEOUT_MS,
      /** Bodies one client address may be sending at once; more are refused (429) before being read. */
      bodyReadsPerClient: e.HTTP_BODY_READS_PER_CLIENT,
      /** gzip/br answers for clients that ask; off where a proxy in front compresses. Smaller bodies go as they are. */
      compression: { enabled: e.COMPRESSION, minBytes: e.COMPRESSION_MIN_BYTES },
      /** Server processes sharing the port (node:cluster); 1 runs the server in this process. */
      processes: e.WEB_CONCURRENCY,
      /** /metrics on a port of its own; in production the public port does not serve it at all. */
      metricsPort: metricsPort || undefined,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      trustProxy: e.TRUST_PROXY,
    },
    subscriptions: {
      /** Operations running at once over one WebSocket. */
      perSocket: e.MAX_SUBSCRIPTIONS_PER_SOCKET,
      /** Live subscriptions of one user (or one address when anonymous), over every socket and SSE stream. */
      perCaller: e.MAX_SUBSCRIPTIONS_PER_CALLER,
      /** Bytes a WebSocket may leave unread before it is closed (4408) rather than buffered further. */
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    },
    persistedOperations: { mode: e.PERSISTED_OPERATIONS, manifestPath: e.PERSISTED_OPERATIONS_MANIFEST },
  };
}
