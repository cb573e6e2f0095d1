import type { TestApp } from '../helpers/test-app.js';

/**
 * Every variable `.env.example` documents, and the evidence that setting it does what it says.
 * `env-example-effects.test.ts` fails for a documented variable without a row here, and for a row
 * whose variable is no longer documented.
 *
 * Adding a variable to src/config.ts and .env.example? Add one row to SETTINGS:
 *   MY_VARIABLE: { value: '<not the default>', shownBy: test('test/<area>/<file>.test.ts', '<title of the test that shows its effect>') },
 * or, when no test shows it yet, a small check through a running app configured with `value`:
 *   MY_VARIABLE: { value: '7', shownBy: check(async (t) => expect(...).toBe(...)) },
 */

/** The effect is what an existing test checks: `title` is (part of) the name of a test in `file`. */
interface TestEvidence {
  file: string;
  title: string;
}

/** The effect is checked here, against one app started with every checked row's value (see the test). */
interface CheckEvidence {
  check: (t: TestApp) => Promise<void>;
  /** The backend the effect exists on, when only one has it (e.g. the pg pool). */
  only?: 'postgres';
}

export interface Setting {
  /** A valid value other than the default: loadConfig must answer a different configuration with it. */
  value: string;
  /** What both configurations need besides it (e.g. the other two LinkedIn OAuth variables). */
  with?: Record<string, string>;
  shownBy: TestEvidence | CheckEvidence;
}

/** Variables read by something other than src/config.ts, and the file that reads them. */
export interface ReadElsewhere {
  readBy: 'docker compose' | 'the OpenTelemetry SDK' | 'node';
  /** A file that passes the variable on, and the text that does it. */
  file: string;
  contains: string;
}

const test = (file: string, title: string): TestEvidence => ({ file, title });
export const check = (run: CheckEvidence['check'], only?: 'postgres'): CheckEvidence => ({ check: run, ...(only ? { only } : {}) });

const PRODUCTION_SECRET = { SECRET_KEY: 'a-production-secret-that-is-long-enough-0123' };
const LINKEDIN = { LINKEDIN_CLIENT_ID: 'client', LINKEDIN_CLIENT_SECRET: 'secret', LINKEDIN_REDIRECT_URI: 'https://api.example.com/auth/linkedin/callback' };

/** Filled in below with the checks, which need the test's expect; the rows name them. */
export type Checks = Record<
  | 'accessTokenTtl'
  | 'refreshTokenTtl'
  | 'rateLimitWindow'
  | 'poolMax'
  | 'statementTimeout'
  | 'analysisLimit'
  | 'connectedRedirect'
  | 'generationCacheTtl'
  | 'slowReader'
  | 'responseCacheOff'
  | 'openaiModel'
  | 'openaiRetries',
  CheckEvidence
>;

export function settings(c: Checks): Record<string, Setting> {
  return {
    // runtime
    NODE_ENV: { value: 'production', with: PRODUCTION_SECRET, shownBy: test('test/security/introspection.test.ts', 'is off by default in production') },
    APP_ENV: { value: 'staging', with: PRODUCTION_SECRET, shownBy: test('test/observability/config-errors.test.ts', 'lists every problem at once') },
    HOST: {
      value: '127.0.0.1',
      shownBy: test('test/observability/shutdown.test.ts', 'finishes the in-flight request, closes WebSockets with 1001 and exits 0'),
    },
    PORT: { value: '4100', shownBy: test('test/observability/shutdown.test.ts', 'finishes the in-flight request, closes WebSockets with 1001 and exits 0') },
    METRICS_PORT: { value: '9464', shownBy: test('test/observability/metrics.test.ts', 'serves the same registry on METRICS_PORT') },
    SHUTDOWN_TIMEOUT_MS: { value: '2000', shownBy: test('test/observability/shutdown.test.ts', 'drains in-flight requests') },
    MAX_BODY_BYTES: { value: '2048', shownBy: test('test/security/http-edge.test.ts', 'answers 413 to a body over MAX_BODY_BYTES without reading it all') },
    COMPRESSION: { value: 'false', shownBy: test('test/transport/compression.test.ts', 'COMPRESSION=false sends every answer as it is') },
    COMPRESSION_MIN_BYTES: { value: '0', shownBy: test('test/transport/compression.test.ts', 'COMPRESSION_MIN_BYTES sets the threshold') },
    MAX_IN_FLIGHT_REQUESTS: { value: '5', shownBy: test('test/security/http-edge.test.ts', 'sheds requests over MAX_IN_FLIGHT_REQUESTS with 503') },
    HTTP_HEADERS_TIMEOUT_MS: { value: '500', shownBy: test('test/security/slow-clients.test.ts', 'are cut off when their headers do not arrive in time') },
    HTTP_BODY_TIMEOUT_MS: { value: '500', shownBy: test('test/security/slow-clients.test.ts', 'are cut off at the deadline') },
    HTTP_BODY_READS_PER_CLIENT: {
      value: '2',
      shownBy: test('test/security/slow-clients.test.ts', 'hold no place among the requests served while their bodies trickle'),
    },
    MAX_SUBSCRIPTIONS_PER_SOCKET: {
      value: '3',
      shownBy: test('test/security/subscription-flood.test.ts', 'caps operations per socket and subscriptions per caller'),
    },
    MAX_SUBSCRIPTIONS_PER_CALLER: {
      value: '3',
      shownBy: test('test/security/subscription-flood.test.ts', 'caps operations per socket and subscriptions per caller'),
    },
    WS_MAX_BUFFERED_BYTES: { value: '10000', shownBy: c.slowReader },
    WEB_CONCURRENCY: {
      value: '2',
      with: { DATABASE_URL: 'postgresql://127.0.0.1/lpa', REDIS_URL: 'redis://127.0.0.1:6379' },
      shownBy: test('test/observability/cluster.test.ts', 'serve together, report metrics summed over all of them'),
    },
    ARTICLE_PREVIEW_ALLOWED_CIDRS: {
      value: '127.0.0.1/32',
      shownBy: test('test/posts/attachments.test.ts', 'an article gets its preview from the page at the URL given, when the address is allowed'),
    },
    ARTICLE_PREVIEW_TIMEOUT_MS: {
      value: '1000',
      shownBy: test('test/posts/attachments.test.ts', 'a page slower than ARTICLE_PREVIEW_TIMEOUT_MS is saved without preview'),
    },
    TRUST_PROXY: { value: 'true', shownBy: test('test/security/rate-limit.test.ts', 'refuses an anonymous IP over its global budget') },
    PERSISTED_OPERATIONS: { value: 'require', shownBy: test('test/security/persisted-operations.test.ts', 'refuses raw query text') },
    PERSISTED_OPERATIONS_MANIFEST: {
      value: './other-manifest.json',
      shownBy: test('test/security/persisted-operations.test.ts', 'a manifest written by the client build'),
    },
    // database
    DATABASE_URL: {
      value: 'postgresql://postgres@127.0.0.1:5432/lpa',
      shownBy: test('test/observability/recovery.test.ts', 'PostgreSQL restarted under traffic'),
    },
    DATABASE_POOL_MAX: { value: '3', shownBy: c.poolMax },
    DATABASE_POOL_MAX_LIFETIME_SECONDS: { value: '1', shownBy: test('test/settings/pool-lifetime.test.ts', 'replaces a connection older than the lifetime') },
    DATABASE_PREPARED_STATEMENTS: { value: '0', shownBy: test('test/db/statement-names.test.ts', 'stops naming new texts at its bound') },
    DATABASE_CONNECT_TIMEOUT_MS: {
      value: '1000',
      shownBy: test('test/observability/recovery.test.ts', 'fails fast with SERVICE_UNAVAILABLE while it is down'),
    },
    DATABASE_STATEMENT_TIMEOUT_MS: { value: '4321', shownBy: c.statementTimeout },
    DATA_DIR: { value: './elsewhere', shownBy: test('test/observability/shutdown.test.ts', 'finishes the in-flight request') },
    // redis
    REDIS_URL: {
      value: 'redis://127.0.0.1:6379',
      shownBy: test('test/cache/two-instances.test.ts', 'shares hits: a response cached by one instance is a hit on the other'),
    },
    REDIS_PREFIX: {
      value: 'other:',
      with: { REDIS_URL: 'redis://127.0.0.1:6379' },
      shownBy: test('test/transport/pubsub-prefix.test.ts', 'an app with the same prefix sees the events, an app with another prefix never does'),
    },
    // auth and secrets
    SECRET_KEY: { value: PRODUCTION_SECRET.SECRET_KEY, shownBy: test('test/users/tokens.test.ts', 'refuses a forged token every time') },
    ACCESS_TOKEN_TTL_SECONDS: { value: '120', shownBy: c.accessTokenTtl },
    REFRESH_TOKEN_TTL_SECONDS: { value: '7200', shownBy: c.refreshTokenTtl },
    SESSION_REVOCATION_SYNC_MS: { value: '200', shownBy: test('test/users/session-revocation.test.ts', 'is refused by the other within a second') },
    PASSWORD_HASH_COST: { value: '11', shownBy: test('test/users/password-upgrade.test.ts', 'are rehashed with the current parameters on that login') },
    TOKEN_ENCRYPTION_KEY: {
      value: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      shownBy: test('test/publishing/oauth-connect.test.ts', 'stores the member with the token encrypted'),
    },
    CORS_ORIGINS: { value: 'http://localhost:5173', shownBy: test('test/security/http-edge.test.ts', 'answers CORS preflights for configured origins only') },
    // logging
    LOG_LEVEL: { value: 'debug', shownBy: test('test/settings/development-console.test.ts', "adds Yoga's steps of every request with LOG_LEVEL=debug") },
    // AI writer
    OPENAI_API_KEY: { value: 'sk-test', shownBy: test('test/generation/generation-live.test.ts', 'follows a job over graphql-ws from QUEUED to SUCCEEDED') },
    OPENAI_BASE_URL: {
      value: 'http://127.0.0.1:1/v1',
      with: { OPENAI_API_KEY: 'sk-test' },
      shownBy: test('test/generation/generation-live.test.ts', 'through the real openai SDK'),
    },
    OPENAI_MODEL: {
      value: 'gpt-4.1',
      with: { OPENAI_API_KEY: 'sk-test' },
      shownBy: c.openaiModel,
    },
    OPENAI_TIMEOUT_MS: {
      value: '1000',
      with: { OPENAI_API_KEY: 'sk-test' },
      shownBy: test('test/generation/openai-writer.test.ts', 'counts a hang past the timeout'),
    },
    OPENAI_MAX_RETRIES: {
      value: '0',
      with: { OPENAI_API_KEY: 'sk-test' },
      shownBy: c.openaiRetries,
    },
    // generation jobs
    GENERATION_CONCURRENCY: { value: '1', shownBy: test('test/generation/generation-live.test.ts', 'cancels mid-stream') },
    GENERATION_ATTEMPTS: { value: '1', shownBy: test('test/generation/generation-cluster.test.ts', 'is run again by the next worker') },
    GENERATION_JOB_TIMEOUT_MS: { value: '5000', shownBy: test('test/generation/generation-cluster.test.ts', 'never stays RUNNING') },
    GENERATION_HEARTBEAT_TIMEOUT_MS: {
      value: '2000',
      shownBy: test('test/generation/worker-killed.test.ts', 'is run again by another worker and succeeds, its lost run counted as an attempt'),
    },
    GENERATION_CACHE_TTL_SECONDS: {
      value: '0',
      shownBy: c.generationCacheTtl,
    },
    GENERATION_BACKOFF_MS: { value: '100', shownBy: test('test/generation/generation-cluster.test.ts', 'is run again by the next worker') },
    GENERATION_RATE_LIMIT_PER_MINUTE: {
      value: '3',
      shownBy: test('test/generation/generation-jobs.test.ts', 'limits generation requests per user and says when to retry'),
    },
    GENERATION_WORKER_IN_API: { value: 'false', shownBy: test('test/generation/generation-cluster.test.ts', 'run by the worker process') },
    GENERATION_LOCAL_CHUNK_DELAY_MS: {
      value: '500',
      shownBy: test('test/generation/generation-jobs.test.ts', 'ends with a DRAFT post holding the streamed text'),
    },
    QUEUE_STALLED_INTERVAL_MS: {
      value: '1000',
      shownBy: test('test/generation/generation-cluster.test.ts', 'a job whose worker is killed mid-stream is run again'),
    },
    // LinkedIn
    LINKEDIN_CLIENT_ID: { value: 'other', with: LINKEDIN, shownBy: test('test/publishing/oauth-connect.test.ts', 'start URL → consent → callback') },
    LINKEDIN_CLIENT_SECRET: { value: 'other', with: LINKEDIN, shownBy: test('test/publishing/oauth-connect.test.ts', 'start URL → consent → callback') },
    LINKEDIN_REDIRECT_URI: {
      value: 'https://other.example.com/cb',
      with: LINKEDIN,
      shownBy: test('test/publishing/oauth-binding.test.ts', 'scoped to the callback path'),
    },
    LINKEDIN_CONNECTED_REDIRECT_URL: {
      value: 'http://localhost:5173/settings',
      shownBy: c.connectedRedirect,
    },
    LINKEDIN_PKCE: { value: 'true', shownBy: test('test/publishing/oauth-binding.test.ts', 'sends an S256 code_challenge') },
    LINKEDIN_API_BASE_URL: { value: 'http://127.0.0.1:1', shownBy: test('test/publishing/publisher.test.ts', 'sends the post as LinkedIn documents it') },
    LINKEDIN_OAUTH_BASE_URL: { value: 'http://127.0.0.1:1/oauth', shownBy: test('test/publishing/oauth-connect.test.ts', 'start URL → consent → callback') },
    LINKEDIN_VERSION: { value: '202601', shownBy: test('test/publishing/linkedin-client.test.ts', 'sends exactly the documented headers and body') },
    LINKEDIN_TIMEOUT_MS: { value: '1000', shownBy: test('test/publishing/linkedin-client.test.ts', 'classifies a hung request as timeout, retryable') },
    // publishing jobs
    PUBLISH_CONCURRENCY: { value: '1', shownBy: test('test/publishing/publisher.test.ts', 'sends the post as LinkedIn documents it') },
    PUBLISH_MAX_ATTEMPTS: { value: '2', shownBy: test('test/publishing/publisher.test.ts', 'gives up after PUBLISH_MAX_ATTEMPTS failures') },
    PUBLISH_RETRY_BASE_MS: { value: '100', shownBy: test('test/publishing/publisher.test.ts', '500: retries with backoff and publishes once') },
    PUBLISH_STALE_AFTER_MS: { value: '60000', shownBy: test('test/publishing/recovery.test.ts', 'leaves a live attempt alone') },
    // feature flags
    FEATURE_GENERATION: { value: 'false', shownBy: test('test/settings/feature-switches.test.ts', 'starts no generation worker in the API process') },
    FEATURE_ANALYTICS: { value: 'false', shownBy: test('test/settings/feature-switches.test.ts', 'answers FEATURE_DISABLED and runs nothing') },
    FEATURE_RESPONSE_CACHE: { value: 'false', shownBy: c.responseCacheOff },
    RESPONSE_CACHE_MAX_ENTRIES: { value: '100', shownBy: test('test/cache/local-tier.test.ts', 'still bounds their count') },
    RESPONSE_CACHE_LOCAL_MAX_MB: {
      value: '1',
      shownBy: test('test/cache/local-tier.test.ts', 'evicts the least recently used responses once their bytes exceed the budget'),
    },
    RESPONSE_CACHE_LOCAL_TTL_SECONDS: { value: '5', shownBy: test('test/cache/two-instances.test.ts', 'evicts the response instance A holds in memory') },
    FEATURE_RATE_LIMIT: { value: 'false', shownBy: test('test/security/rate-limit.test.ts', 'serves everything without limits or headers') },
    // rate limits
    RATE_LIMIT_WINDOW_SECONDS: { value: '7', shownBy: c.rateLimitWindow },
    RATE_LIMIT_USER: { value: '40', shownBy: test('test/security/rate-limit.test.ts', 'gives a signed-in user their own budget') },
    RATE_LIMIT_ANONYMOUS: { value: '5', shownBy: test('test/security/rate-limit.test.ts', 'refuses an anonymous IP over its global budget') },
    RATE_LIMIT_AUTH: { value: '3', shownBy: test('test/users/sessions.test.ts', 'refuses the caller past RATE_LIMIT_AUTH') },
    RATE_LIMIT_SEARCH: { value: '3', shownBy: test('test/security/rate-limit.test.ts', 'a tighter one on searchPosts') },
    RATE_LIMIT_ANALYSIS: { value: '3', shownBy: c.analysisLimit },
    RATE_LIMIT_GENERATION: {
      value: '2',
      shownBy: test('test/settings/field-rate-limits.test.ts', 'RATE_LIMIT_GENERATION: generatePost and generatePosts share the budget'),
    },
    RATE_LIMIT_INGEST: {
      value: '3',
      shownBy: test('test/settings/field-rate-limits.test.ts', 'RATE_LIMIT_INGEST: recordEngagement and recordEngagements share the budget'),
    },
    RATE_LIMIT_ANALYTICS: {
      value: '3',
      shownBy: test('test/settings/field-rate-limits.test.ts', 'RATE_LIMIT_ANALYTICS: analyticsSummary, topPosts and metricsSeries share the budget'),
    },
    RATE_LIMIT_UPLOAD: {
      value: '3',
      shownBy: test('test/media/limits.test.ts', 'RATE_LIMIT_UPLOAD: uploadMedia and createUpload share one budget per user'),
    },
    // media
    MEDIA_DIR: { value: '/tmp/lpa-media-elsewhere', shownBy: test('test/media/upload.test.ts', 'with its dimensions, alt text and a thumbnail beside it') },
    MEDIA_S3_BUCKET: { value: 'media', shownBy: test('test/media/two-step-upload.test.ts', 'stores a multipart upload with its thumbnail beside it') },
    MEDIA_S3_ENDPOINT: {
      value: 'http://127.0.0.1:9000',
      with: { MEDIA_S3_BUCKET: 'media' },
      shownBy: test('test/media/two-step-upload.test.ts', 'takes a signed two-step upload'),
    },
    MEDIA_S3_REGION: {
      value: 'eu-west-1',
      with: { MEDIA_S3_BUCKET: 'media' },
      shownBy: test('test/media/two-step-upload.test.ts', 'takes a signed two-step upload'),
    },
    MEDIA_S3_ACCESS_KEY_ID: {
      value: 'other-key',
      with: { MEDIA_S3_BUCKET: 'media', MEDIA_S3_ACCESS_KEY_ID: 'key', MEDIA_S3_SECRET_ACCESS_KEY: 'secret' },
      shownBy: test('test/media/two-step-upload.test.ts', 'takes a signed two-step upload'),
    },
    MEDIA_S3_SECRET_ACCESS_KEY: {
      value: 'other-secret',
      with: { MEDIA_S3_BUCKET: 'media', MEDIA_S3_ACCESS_KEY_ID: 'key', MEDIA_S3_SECRET_ACCESS_KEY: 'secret' },
      shownBy: test('test/media/two-step-upload.test.ts', 'takes a signed two-step upload'),
    },
    MEDIA_MAX_UPLOAD_BYTES: { value: '100000', shownBy: test('test/media/upload.test.ts', 'refuses a multipart body over MEDIA_MAX_UPLOAD_BYTES') },
    MEDIA_QUOTA_BYTES: { value: '60000', shownBy: test('test/media/limits.test.ts', 'MEDIA_QUOTA_BYTES: refuses an upload past the user') },
    FEATURE_INTROSPECTION: {
      value: 'false',
      shownBy: test('test/security/introspection.test.ts', 'follows FEATURE_INTROSPECTION over the default either way'),
    },
    FEATURE_TRACING: { value: 'true', shownBy: test('test/observability/tracing.test.ts', 'puts the trace id on every log line of the traced request') },
  };
}

/** Read by the OpenTelemetry SDK, node or docker compose, not by src/config.ts. */
export const READ_ELSEWHERE: Record<string, ReadElsewhere> = {
  NODE_OPTIONS: { readBy: 'node', file: 'docker-compose.yml', contains: 'NODE_OPTIONS: --enable-source-maps --max-old-space-size=384' },
  OTEL_SERVICE_NAME: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  OTEL_EXPORTER_OTLP_HEADERS: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  OTEL_RESOURCE_ATTRIBUTES: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  OTEL_TRACES_SAMPLER: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  OTEL_TRACES_SAMPLER_ARG: { readBy: 'the OpenTelemetry SDK', file: 'src/infra/tracing.ts', contains: 'OTEL_' },
  POSTGRES_USER: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${POSTGRES_USER:-lpa}' },
  POSTGRES_PASSWORD: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${POSTGRES_PASSWORD:-lpa}' },
  POSTGRES_DB: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${POSTGRES_DB:-lpa}' },
  HTTP_PORT: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${HTTP_PORT:-80}:80' },
  HTTPS_PORT: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${HTTPS_PORT:-443}:443' },
  CERT_COMMON_NAME: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${CERT_COMMON_NAME:-localhost}' },
  GRAFANA_ADMIN_USER: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${GRAFANA_ADMIN_USER:-admin}' },
  GRAFANA_ADMIN_PASSWORD: { readBy: 'docker compose', file: 'docker-compose.yml', contains: '${GRAFANA_ADMIN_PASSWORD:-admin}' },
};
