import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric the service exports, in one place so the dashboard, the alert rules and the
 * code agree on names. Label values are bounded sets (no ids, no raw paths).
 */
export function createMetrics(registry = new Registry()) {
  collectDefaultMetrics({ register: registry });
  const r = [registry];
  let readPool: (() => { total: number; idle: number; waiting: number }) | undefined;
  const seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'lpa_http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: seconds,
      registers: r,
    }),
    httpRequestsInFlight: new Gauge({
      name: 'lpa_http_requests_in_flight',
      help: 'HTTP requests being served right now.',
      registers: r,
    }),
    httpRequestsRejected: new Counter({
      name: 'lpa_http_requests_rejected_total',
      help: 'HTTP requests turned away before execution, by reason (overload, body_too_large, slow_body, slow_headers, slow_client, bad_request).',
      labelNames: ['reason'] as const,
      registers: r,
    }),
    httpCompressedResponses: new Counter({
      name: 'lpa_http_compressed_responses_total',
      help: 'HTTP responses sent compressed, by content coding (br, gzip).',
      labelNames: ['encoding'] as const,
      registers: r,
    }),
    httpCompressionBytes: new Counter({
      name: 'lpa_http_compression_bytes_total',
      help: 'Body bytes of compressed HTTP responses, by content coding, before (stage="body") and after (stage="sent") compression.',
      labelNames: ['encoding', 'stage'] as const,
      registers: r,
    }),
    graphqlOperations: new Counter({
      name: 'lpa_graphql_operations_total',
      help: 'GraphQL operations by name, type and outcome (ok, error).',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers: r,
    }),
    graphqlOperationDuration: new Histogram({
      name: 'lpa_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration by name and type, cache hits included.',
      labelNames: ['operation', 'type'] as const,
      buckets: seconds,
      registers: r,
    }),
    graphqlErrors: new Counter({
      name: 'lpa_graphql_errors_total',
      help: 'GraphQL errors returned to clients, by extensions.code.',
      labelNames: ['code'] as const,
      registers: r,
    }),
    dbQueryDuration: new Histogram({
      name: 'lpa_db_query_duration_seconds',
      help: 'Database query duration by model and action.',
      labelNames: ['model', 'action'] as const,
      buckets: seconds,
      registers: r,
    }),
    dbPoolConnections: new Gauge({
      name: 'lpa_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting).',
      labelNames: ['state'] as const,
      registers: r,
      collect() {
        if (!readPool) return;
        for (const [state, value] of Object.entries(readPool())) this.set({ state }, value);
      },
    }),
    /** Where the pool gauges read their values at scrape time. */
    samplePoolWith(read: () => { total: number; idle: number; waiting: number }) {
      readPool = read;
    },
    dbPoolMax: new Gauge({
      name: 'lpa_db_pool_max_connections',
      help: 'Configured maximum size of the database pool.',
      registers: r,
    }),
    cacheRequests: new Counter({
      name: 'lpa_cache_requests_total',
      help: 'Cache look-ups by cache (response, generation), result (hit, miss) and, for the response cache, operation name.',
      labelNames: ['cache', 'result', 'operation'] as const,
      registers: r,
    }),
    cacheEvictions: new Counter({
      name: 'lpa_cache_evictions_total',
      help: 'Cache entries removed by invalidation or size limits, by cache.',
      labelNames: ['cache'] as const,
      registers: r,
    }),
    rateLimitRejections: new Counter({
      name: 'lpa_rate_limit_rejections_total',
      help: 'Requests refused by a rate limit, by limit name.',
      labelNames: ['limit'] as const,
      registers: r,
    }),
    llmRequests: new Counter({
      name: 'lpa_llm_requests_total',
      help: 'AI writer calls by provider (openai, local) and outcome (ok, error, timeout, rate_limited, cancelled).',
      labelNames: ['provider', 'outcome'] as const,
      registers: r,
    }),
    llmRequestDuration: new Histogram({
      name: 'lpa_llm_request_duration_seconds',
      help: 'AI writer call duration by provider.',
      labelNames: ['provider'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: r,
    }),
    llmTokens: new Counter({
      name: 'lpa_llm_tokens_total',
      help: 'Tokens used by the AI writer, by provider and kind (prompt, completion).',
      labelNames: ['provider', 'kind'] as const,
      registers: r,
    }),
    llmBreakerState: new Gauge({
      name: 'lpa_llm_circuit_breaker_state',
      help: 'Circuit breaker around the model: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'] as const,
      registers: r,
    }),
    queueJobs: new Gauge({
      name: 'lpa_queue_jobs',
      help: 'Jobs in a queue by state (waiting, active, delayed).',
      labelNames: ['queue', 'state'] as const,
      registers: r,
    }),
    queueJobsFinished: new Counter({
      name: 'lpa_queue_jobs_finished_total',
      help: 'Jobs finished by queue and outcome (succeeded, failed, cancelled).',
      labelNames: ['queue', 'outcome'] as const,
      registers: r,
    }),
    unhandledRejections: new Counter({
      name: 'lpa_unhandled_rejections_total',
      help: 'Promises rejected with no handler (a bug: the process logs it and goes on).',
      registers: r,
    }),
    redisUp: new Gauge({
      name: 'lpa_redis_up',
      help: 'Whether every Redis connection of the process is up (0 during an outage).',
      // Summed over a cluster's processes, one down is the instance down.
      aggregator: 'min',
      registers: r,
    }),
    redisOutages: new Counter({
      name: 'lpa_redis_outages_total',
      help: 'Redis outages seen by the process (a connection lost until all are back counts once).',
      registers: r,
    }),
    databaseUp: new Gauge({
      name: 'lpa_database_up',
      help: 'Whether the process can reach PostgreSQL (0 from a refused connection until one succeeds again).',
      aggregator: 'min',
      registers: r,
    }),
    databaseOutages: new Counter({
      name: 'lpa_database_outages_total',
      help: 'PostgreSQL outages seen by the process.',
      registers: r,
    }),
    websocketConnections: new Gauge({
      name: 'lpa_websocket_connections',
      help: 'Open GraphQL WebSocket connections.',
      registers: r,
    }),
    subscriptionsRefused: new Counter({
      name: 'lpa_subscriptions_refused_total',
      help: 'Subscriptions refused over a limit (socket, caller), and WebSockets closed for not reading (slow_reader).',
      labelNames: ['limit'] as const,
      registers: r,
    }),
    subscriptionsActive: new Gauge({
      name: 'lpa_graphql_subscriptions_active',
      help: 'Active GraphQL subscriptions by field.',
      labelNames: ['field'] as const,
      registers: r,
    }),
    engagementEventsIngested: new Counter({
      name: 'lpa_engagement_events_ingested_total',
      help: 'Engagement events stored (duplicates by event id are not counted).',
      registers: r,
    }),
    publishAttempts: new Counter({
      name: 'lpa_linkedin_publish_attempts_total',
      help: 'Attempts to publish a post to LinkedIn, by outcome (published, retry, failed).',
      labelNames: ['outcome'] as const,
      registers: r,
    }),
    mediaUploads: new Counter({
      name: 'lpa_media_uploads_total',
      help: 'Media uploads by kind (image, document; for a refused file the kind its declared type names, unknown when none) and outcome (stored, or the MEDIA_INVALID reason in lower case).',
      labelNames: ['kind', 'outcome'] as const,
      registers: r,
    }),
    mediaUploadBytes: new Counter({
      name: 'lpa_media_upload_bytes_total',
      help: 'Bytes of media stored (originals, as stored), by kind.',
      labelNames: ['kind'] as const,
      registers: r,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
