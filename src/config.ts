import { writeSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable the service reads, parsed and validated in one place.
 * `loadConfig` throws a ConfigError listing every problem at once, so a bad deploy fails
 * with one readable message instead of a crash deep inside start-up.
 */
/** Where production serves /metrics when METRICS_PORT is not set (docker-compose and docker/k8s use it). */
const DEFAULT_METRICS_PORT = 9464;

const DEFAULT_SECRET_KEY = 'dev-secret-key-change-me-in-production-0123456789';

/** OWASP's minimum for scrypt is N=2^17, r=8, p=1 (Password Storage Cheat Sheet): the cost is log2 N. */
export const OWASP_SCRYPT_MIN_COST = 17;
/** Tests hash hundreds of passwords: a cheaper cost keeps them quick (production refuses it). */
const TEST_PASSWORD_HASH_COST = 10;

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const int = (fallback: number, min: number, max: number) => optionalInt(min, max).transform((v) => v ?? fallback);

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      try {
        const parsed = new URL(v);
        if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
        return v;
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected a ${protocols.join(' or ')} URL` });
        return z.NEVER;
      }
    });

/** "10.0.0.1", "::1", "10.0.0.0/8", "fd00::/8" */
function isIpOrCidr(range: string): boolean {
  const [address = '', bits, ...rest] = range.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128) && /^\d+$/.test(bits);
}

const list = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ENV: z.enum(['development', 'test', 'staging', 'production']).optional(),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(4000, 0, 65535),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_MAX: int(10, 1, 500),
  DATABASE_POOL_MAX_LIFETIME_SECONDS: int(3600, 0, 7 * 24 * 3600),
  DATABASE_PREPARED_STATEMENTS: int(500, 0, 100_000),
  DATABASE_CONNECT_TIMEOUT_MS: int(5000, 100, 120000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(15000, 100, 600000),
  DATA_DIR: z.string().default('./.data'),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: z.string().default('lpa:'),
  SECRET_KEY: z.string().default(DEFAULT_SECRET_KEY),
  ACCESS_TOKEN_TTL_SECONDS: int(15 * 60, 60, 3600),
  REFRESH_TOKEN_TTL_SECONDS: int(30 * 24 * 3600, 3600, 365 * 24 * 3600),
  SESSION_REVOCATION_SYNC_MS: int(1000, 50, 60_000),
  PASSWORD_HASH_COST: optionalInt(10, 20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CORS_ORIGINS: list,
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(30000, 100, 600000),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  GENERATION_CONCURRENCY: int(4, 1, 100),
  GENERATION_ATTEMPTS: int(3, 1, 20),
  GENERATION_JOB_TIMEOUT_MS: int(120000, 1000, 3600000),
  GENERATION_CACHE_TTL_SECONDS: int(3600, 0, 30 * 24 * 3600),
  LINKEDIN_CLIENT_ID: z.string().optional(),
  LINKEDIN_CLIENT_SECRET: z.string().optional(),
  LINKEDIN_REDIRECT_URI: url(['http:', 'https:']),
  LINKEDIN_CONNECTED_REDIRECT_URL: url(['http:', 'https:']),
  LINKEDIN_API_BASE_URL: url(['http:', 'https:']),
  LINKEDIN_OAUTH_BASE_URL: url(['http:', 'https:']),
  LINKEDIN_VERSION: z
    .string()
    .regex(/^\d{6}$/, 'expected YYYYMM, e.g. 202510')
    .default('202510'),
  LINKEDIN_TIMEOUT_MS: int(10000, 100, 120000),
  LINKEDIN_PKCE: bool(false),
  TOKEN_ENCRYPTION_KEY: list,
  PUBLISH_CONCURRENCY: int(2, 1, 100),
  PUBLISH_MAX_ATTEMPTS: int(5, 1, 20),
  PUBLISH_RETRY_BASE_MS: int(5000, 10, 3600000),
  PUBLISH_STALE_AFTER_MS: int(120000, 1000, 86400000),
  GENERATION_BACKOFF_MS: int(2000, 0, 600000),
  GENERATION_RATE_LIMIT_PER_MINUTE: int(20, 1, 100000),
  GENERATION_WORKER_IN_API: bool(true),
  GENERATION_LOCAL_CHUNK_DELAY_MS: int(5, 0, 10000),
  GENERATION_HEARTBEAT_TIMEOUT_MS: int(30000, 1000, 600000),
  QUEUE_STALLED_INTERVAL_MS: int(30000, 100, 600000),
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
  FEATURE_GENERATION: bool(true),
  FEATURE_ANALYTICS: bool(true),
  FEATURE_RESPONSE_CACHE: bool(true),
  RESPONSE_CACHE_MAX_ENTRIES: int(10_000, 100, 10_000_000),
  RESPONSE_CACHE_LOCAL_MAX_MB: int(32, 1, 65_536),
  RESPONSE_CACHE_LOCAL_TTL_SECONDS: int(30, 1, 3600),
  FEATURE_RATE_LIMIT: bool(true),
  FEATURE_INTROSPECTION: z.string().optional(),
  FEATURE_TRACING: bool(false),
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
  ARTICLE_PREVIEW_ALLOWED_CIDRS: list.refine((ranges) => ranges.every(isIpOrCidr), 'expected IP addresses or CIDR ranges, comma-separated'),
  ARTICLE_PREVIEW_TIMEOUT_MS: int(3000, 100, 30000),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 3600),
  RATE_LIMIT_USER: int(1200, 1, 10_000_000),
  RATE_LIMIT_ANONYMOUS: int(300, 1, 10_000_000),
  RATE_LIMIT_AUTH: int(30, 1, 10_000_000),
  RATE_LIMIT_SEARCH: int(120, 1, 10_000_000),
  RATE_LIMIT_ANALYSIS: int(120, 1, 10_000_000),
  RATE_LIMIT_GENERATION: int(20, 1, 10_000_000),
  RATE_LIMIT_INGEST: int(60, 1, 10_000_000),
  RATE_LIMIT_ANALYTICS: int(120, 1, 10_000_000),
  RATE_LIMIT_UPLOAD: int(30, 1, 10_000_000),
  MEDIA_DIR: z.string().optional(),
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_ENDPOINT: url(['http:', 'https:']),
  MEDIA_S3_REGION: z.string().default('us-east-1'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
  MEDIA_MAX_UPLOAD_BYTES: int(20 * 1024 * 1024, 1024, 1_000_000_000),
  MEDIA_QUOTA_BYTES: int(1024 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER),
  PERSISTED_OPERATIONS: z.enum(['off', 'allow', 'require']).default('off'),
  PERSISTED_OPERATIONS_MANIFEST: z.string().default('./persisted-operations.json'),
});

/** Variables that no longer do anything: set, they stop the start rather than be silently ignored. */
const RETIRED: Record<string, string> = {
  JWT_TTL_SECONDS: 'replaced by ACCESS_TOKEN_TTL_SECONDS (access tokens now last minutes) and REFRESH_TOKEN_TTL_SECONDS (how long a session lasts unused)',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isLoopbackUrl(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  const problems = Object.entries(RETIRED)
    .filter(([name]) => env[name] !== undefined)
    .map(([name, why]) => `${name}: no longer read, ${why}`);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const appEnv = e.APP_ENV ?? e.NODE_ENV;
  const production = appEnv === 'production' || appEnv === 'staging';
  if (production && e.SECRET_KEY === DEFAULT_SECRET_KEY) {
    problems.push('SECRET_KEY: must be set in production (the development default is public)');
  }
  if (e.SECRET_KEY.length < 32) problems.push('SECRET_KEY: must be at least 32 characters');
  const passwordHashCost = e.PASSWORD_HASH_COST ?? (e.NODE_ENV === 'test' ? TEST_PASSWORD_HASH_COST : OWASP_SCRYPT_MIN_COST);
  if (production && passwordHashCost < OWASP_SCRYPT_MIN_COST) {
    problems.push(`PASSWORD_HASH_COST: must be at least ${OWASP_SCRYPT_MIN_COST} in production (OWASP's scrypt minimum, N=2^17)`);
  }
  const introspection = e.FEATURE_INTROSPECTION === undefined ? !production : ['true', '1', 'yes', 'on'].includes(e.FEATURE_INTROSPECTION);
  if (e.FEATURE_INTROSPECTION !== undefined && !['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(e.FEATURE_INTROSPECTION)) {
    problems.push('FEATURE_INTROSPECTION: expected true or false');
  }
  const linkedInOAuth = [e.LINKEDIN_CLIENT_ID, e.LINKEDIN_CLIENT_SECRET, e.LINKEDIN_REDIRECT_URI];
  if (linkedInOAuth.some(Boolean) && !linkedInOAuth.every(Boolean)) {
    problems.push('LINKEDIN_CLIENT_ID, LINKEDIN_CLIENT_SECRET, LINKEDIN_REDIRECT_URI: set all three or none');
  }
  if (e.PUBLISH_STALE_AFTER_MS <= e.LINKEDIN_TIMEOUT_MS) {
    problems.push('PUBLISH_STALE_AFTER_MS: must be longer than LINKEDIN_TIMEOUT_MS (a live attempt would look stopped)');
  }
  // Browsers send Secure cookies to loopback over plain http (a secure context), so a local production run may use it.
  if (production && e.LINKEDIN_REDIRECT_URI?.startsWith('http:') && !isLoopbackUrl(e.LINKEDIN_REDIRECT_URI)) {
    problems.push('LINKEDIN_REDIRECT_URI: must be https in production, or http on a loopback address (the OAuth cookie is Secure)');
  }
  if (production && e.LINKEDIN_CLIENT_ID && e.TOKEN_ENCRYPTION_KEY.length === 0) {
    problems.push('TOKEN_ENCRYPTION_KEY: must be set in production when LinkedIn is configured');
  }
  if (e.WEB_CONCURRENCY > 1 && (!e.DATABASE_URL || !e.REDIS_URL)) {
    problems.push(
      'WEB_CONCURRENCY: more than one process needs DATABASE_URL and REDIS_URL (the embedded database and the in-process cache and queue belong to one process)',
    );
  }
  if (Boolean(e.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(e.MEDIA_S3_SECRET_ACCESS_KEY)) {
    problems.push('MEDIA_S3_ACCESS_KEY_ID, MEDIA_S3_SECRET_ACCESS_KEY: set both or neither (neither: the AWS SDK finds credentials itself)');
  }
  if (!e.MEDIA_S3_BUCKET && e.MEDIA_S3_ENDPOINT) problems.push('MEDIA_S3_ENDPOINT: needs MEDIA_S3_BUCKET');
  const metricsPort = e.METRICS_PORT === undefined || e.METRICS_PORT === '' ? (production ? DEFAULT_METRICS_PORT : 0) : Number(e.METRICS_PORT);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)
    problems.push(`METRICS_PORT: expected a port from 0 to 65535, got "${e.METRICS_PORT}"`);
  if (problems.length) throw new ConfigError(problems);

  return {
    env: appEnv,
    production,
    test: e.NODE_ENV === 'test',
    host: e.HOST,
    port: e.PORT,
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      poolMaxLifetimeSeconds: e.DATABASE_POOL_MAX_LIFETIME_SECONDS,
      preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      dataDir: e.DATA_DIR,
    },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    auth: {
      secretKey: e.SECRET_KEY,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      /** How often each API process reads sessions other processes ended. */
      revocationSyncMs: e.SESSION_REVOCATION_SYNC_MS,
      passwordHashCost,
    },
    log: {
      // Development too defaults to info: one line per request; debug adds Yoga's steps of every request.
      level: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
      pretty: !production && e.NODE_ENV !== 'test',
    },
    cors: { origins: e.CORS_ORIGINS },
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          maxRetries: e.OPENAI_MAX_RETRIES,
        }
      : undefined,
    generation: {
      concurrency: e.GENERATION_CONCURRENCY,
      attempts: e.GENERATION_ATTEMPTS,
      jobTimeoutMs: e.GENERATION_JOB_TIMEOUT_MS,
      cacheTtlSeconds: e.GENERATION_CACHE_TTL_SECONDS,
      backoffMs: e.GENERATION_BACKOFF_MS,
      requestsPerMinute: e.GENERATION_RATE_LIMIT_PER_MINUTE,
      workerInApi: e.GENERATION_WORKER_IN_API,
      localChunkDelayMs: e.GENERATION_LOCAL_CHUNK_DELAY_MS,
      /** A RUNNING job whose worker has not renewed its heartbeat for this long is run again (or failed). */
      heartbeatTimeoutMs: e.GENERATION_HEARTBEAT_TIMEOUT_MS,
    },
    queue: {
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
    },
    linkedIn: {
      oauth:
        e.LINKEDIN_CLIENT_ID && e.LINKEDIN_CLIENT_SECRET && e.LINKEDIN_REDIRECT_URI
          ? { clientId: e.LINKEDIN_CLIENT_ID, clientSecret: e.LINKEDIN_CLIENT_SECRET, redirectUri: e.LINKEDIN_REDIRECT_URI }
          : undefined,
      /** PKCE (S256) in the code flow; LinkedIn enables it per application, on request. */
      pkce: e.LINKEDIN_PKCE,
      /** Where the browser goes after the OAuth callback; unset: the callback answers JSON. */
      connectedRedirectUrl: e.LINKEDIN_CONNECTED_REDIRECT_URL,
      apiBaseUrl: e.LINKEDIN_API_BASE_URL ?? 'https://api.linkedin.com',
      oauthBaseUrl: (e.LINKEDIN_OAUTH_BASE_URL ?? 'https://www.linkedin.com/oauth/v2').replace(/\/+$/, ''),
      version: e.LINKEDIN_VERSION,
      timeoutMs: e.LINKEDIN_TIMEOUT_MS,
      /** The first key encrypts, every key decrypts (rotation); development falls back to SECRET_KEY. */
      tokenKeys: e.TOKEN_ENCRYPTION_KEY.length ? e.TOKEN_ENCRYPTION_KEY : [e.SECRET_KEY],
    },
    articlePreview: {
      /** Private ranges an operator lets previews reach (tests, intranets); public addresses always may be. */
      allowedCidrs: e.ARTICLE_PREVIEW_ALLOWED_CIDRS,
      /** For the whole fetch of an article's page, redirects included; a third of it for connecting. */
      timeoutMs: e.ARTICLE_PREVIEW_TIMEOUT_MS,
    },
    publishing: {
      concurrency: e.PUBLISH_CONCURRENCY,
      maxAttempts: e.PUBLISH_MAX_ATTEMPTS,
      retryBaseMs: e.PUBLISH_RETRY_BASE_MS,
      staleAfterMs: e.PUBLISH_STALE_AFTER_MS,
    },
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
    rateLimit: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      user: e.RATE_LIMIT_USER,
      anonymous: e.RATE_LIMIT_ANONYMOUS,
      /** Per-field limits, by the name a field declares in `extensions.rateLimit`. */
      fields: {
        auth: e.RATE_LIMIT_AUTH,
        search: e.RATE_LIMIT_SEARCH,
        analysis: e.RATE_LIMIT_ANALYSIS,
        generation: e.RATE_LIMIT_GENERATION,
        ingest: e.RATE_LIMIT_INGEST,
        analytics: e.RATE_LIMIT_ANALYTICS,
        upload: e.RATE_LIMIT_UPLOAD,
      },
    },
    media: {
      /** Where media is stored without a bucket; the embedded in-memory database keeps it in a temporary directory. */
      dir: e.MEDIA_DIR ?? (e.DATA_DIR.startsWith('memory://') ? join(tmpdir(), 'lpa-media') : join(e.DATA_DIR, 'media')),
      s3: e.MEDIA_S3_BUCKET
        ? {
            bucket: e.MEDIA_S3_BUCKET,
            region: e.MEDIA_S3_REGION,
            endpoint: e.MEDIA_S3_ENDPOINT,
            credentials:
              e.MEDIA_S3_ACCESS_KEY_ID && e.MEDIA_S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY }
                : undefined,
          }
        : undefined,
      /** The largest multipart request (a GraphQL upload) the edge reads; bigger files take the two-step upload. */
      maxUploadBytes: e.MEDIA_MAX_UPLOAD_BYTES,
      /** Bytes one user's media may take. */
      quotaBytes: e.MEDIA_QUOTA_BYTES,
    },
    persistedOperations: { mode: e.PERSISTED_OPERATIONS, manifestPath: e.PERSISTED_OPERATIONS_MANIFEST },
    responseCache: {
      maxEntries: e.RESPONSE_CACHE_MAX_ENTRIES,
      maxBytes: e.RESPONSE_CACHE_LOCAL_MAX_MB * 1024 * 1024,
      localTtlMs: e.RESPONSE_CACHE_LOCAL_TTL_SECONDS * 1000,
    },
    features: {
      generation: e.FEATURE_GENERATION,
      analytics: e.FEATURE_ANALYTICS,
      responseCache: e.FEATURE_RESPONSE_CACHE,
      rateLimit: e.FEATURE_RATE_LIMIT,
      introspection,
      tracing: e.FEATURE_TRACING,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;

/**
 * Features an operator can switch off (FEATURE_GENERATION, FEATURE_ANALYTICS): their fields declare
 * `extensions: { feature }` and answer FEATURE_DISABLED, and their modules' background work does not start.
 */
export type SwitchableFeature = 'generation' | 'analytics';

/** loadConfig for entry points: prints every problem and exits with EX_CONFIG (78) instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // Written synchronously: process.exit would cut off an asynchronous write to a piped stderr.
      writeSync(2, `${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
