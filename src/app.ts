import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { createCachedReadHandler } from './http/cached-read.js';
import { DEFAULT_WARM_OPERATIONS, warmResponseCache, type WarmOperation } from './http/cache-warm-up.js';
import { databaseCheck, redisCheck, runChecks, type HealthReport, type ReadinessCheck } from './http/health.js';
import { graphiqlAssetRoutes, renderOfflineGraphiQL } from './http/graphiql-assets.js';
import { createInFlightGate } from './http/in-flight-gate.js';
import { linkedInCallbackRoute } from './http/linkedin-oauth.js';
import { observeRequests } from './http/observe.js';
import { createRequestHandler } from './http/request-handler.js';
import { createStaleRevalidator } from './http/stale-revalidation.js';
import { requestRecordOf } from './http/request-scope.js';
import type { Route } from './http/router.js';
import { createViewerResolver } from './http/viewers.js';
import { attachWebSocket } from './http/websocket.js';
import { createYogaServer } from './http/yoga-server.js';
import { openResponseStore } from './infra/cache/open-response-store.js';
import { createResponseCacheInvalidator } from './infra/cache/response-cache-invalidator.js';
import { createResponseKeyer } from './infra/cache/response-key.js';
import { createDatabase, type Database, type DatabaseOptions } from './infra/db/database.js';
import { observePool, observeQueries } from './infra/db/db-metrics.js';
import { applyMigrations } from './infra/db/migrator.js';
import { metricsSource } from './infra/cluster/cluster-metrics.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMetrics, type Metrics } from './infra/metrics.js';
import { createTopicPubSub } from './infra/pubsub.js';
import { createRateLimiter } from './infra/rate-limiter.js';
import { createRedis } from './infra/redis.js';
import { startTracing, type TracingOptions } from './infra/tracing.js';
import { createOperationRecorder, type OperationRecorder } from './plugins/operation-metrics.js';
import { useRateLimits } from './plugins/rate-limit.js';
import { entityKey } from './plugins/response-cache.js';
import { responseCachePolicy } from './schema/cache-policy.js';
import { useSecurityHeaders } from './plugins/security-headers.js';
import { sessionOf } from './schema/response-scope.js';
import { createServices, type Services } from './services.js';

export interface App {
  readonly config: Config;
  readonly db: Database;
  readonly services: Services;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Counts GraphQL operations; a response cache answering without execution reports its hits here. */
  readonly operations: OperationRecorder;
  readonly yoga: YogaServerInstance<object, Context>;
  readonly server: Server;
  /** What /health/ready answers: "starting" until start() has warmed up, "draining" once stop() began. */
  readiness(): Promise<ReadinessReport>;
  /** Listens on the configured (or given) port, warms up, then reports ready; resolves with the bound address. */
  start(port?: number): Promise<{ port: number; url: string; metricsUrl?: string }>;
  /** Stops accepting, drains, closes sockets and pools. Safe to call twice. */
  stop(): Promise<void>;
  /** Runs the warm-up queries into the response cache (done by `start`); resolves with how many were cached. */
  warmCache(): Promise<number>;
}

export type ReadinessReport = HealthReport | { status: 'starting' | 'draining'; checks: Record<string, never> };

export interface AppOptions extends DatabaseOptions, TracingOptions {
  logger?: Logger;
  metrics?: Metrics;
  /** Queries run at start so the response cache holds them (default: the first feed page). */
  warmOperations?: readonly WarmOperation[];
}

/** Builds the whole server without side effects beyond opening the database. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.log);
  const metrics = options.metrics ?? createMetrics();
  const tracing = await startTracing(config.features.tracing, options);
  const db = createDatabase(config.database, logger, options);
  observeQueries(db, metrics);
  if (db.pool) observePool(db.pool, config.database.poolMax, metrics);
  if (db.kind === 'embedded') {
    const applied = await applyMigrations(db.adapterFactory);
    if (applied.length) logger.info({ applied }, 'migrated the embedded database');
  }
  const pubsub = createTopicPubSub(config.redis, logger);
  const responseCache = config.features.responseCache ? openResponseStore({ redis: config.redis, ...config.responseCache }, logger, metrics) : undefined;
  const cache = createResponseCacheInvalidator(responseCache?.store, entityKey, responseCachePolicy.lagMs);
  const services = createServices({ config, db, logger, metrics, pubsub: pubsub.pubsub, cache });
  services.startPublishingWorker();
  const routes: Route[] = [
    linkedInCallbackRoute({ accounts: services.linkedInAccounts, connectedRedirectUrl: config.linkedIn.connectedRedirectUrl, logger }),
    ...(config.production ? [] : graphiqlAssetRoutes()),
  ];
  const operations = createOperationRecorder(metrics);
  // Without Redis the queue only delays jobs; reads and writes go on, so it degrades rather than fails readiness.
  const readiness: ReadinessCheck[] = [databaseCheck(db), { name: 'queue', degraded: true, check: () => services.queues.health() }];
  if (!config.redis || config.generation.workerInApi) await services.generation.startWorker();
  if (responseCache?.redis) readiness.push(redisCheck(responseCache.redis));
  if (pubsub.check) readiness.push({ name: 'pubsub', degraded: true, check: pubsub.check });
  let started = false;
  // Reads the Yoga server built below only when a stale entry is served, after start.
  const revalidate = createStaleRevalidator(() => yoga, logger);
  // With an allow-list, raw query text must reach the persisted-operations plugin to be refused.
  const cachedReads =
    responseCache && config.persistedOperations.mode !== 'require'
      ? createCachedReadHandler({
          store: responseCache.store,
          endpoint: '/graphql',
          maxBodyBytes: config.http.maxBodyBytes,
          sessionOfToken: async (token) => sessionOf(await services.tokens.verify(token)),
          keyOf: createResponseKeyer(responseCachePolicy.canonicalArguments),
          operationLabel: ({ query, operationName }) => operations.label(operationName ?? namedQuery(query)),
          onStale: revalidate,
          onHit: ({ query, operationName }, seconds, req) => {
            const name = operationName ?? namedQuery(query);
            operations.recordCached(name, 'query', seconds);
            const request = requestRecordOf(req);
            if (request) Object.assign(request, { operationName: operations.label(name), operationType: 'query' });
          },
        })
      : undefined;
  let draining = false;
  // Off, it holds nothing: no counters in memory and no Redis connection of its own.
  const rateLimiter = config.features.rateLimit
    ? createRateLimiter({
        redis: config.redis
          ? createRedis(config.redis, logger, 'rate-limit', { enableOfflineQueue: false, commandTimeout: 1000, lazyConnect: false })
          : undefined,
        prefix: config.redis?.prefix,
        logger,
      })
    : undefined;
  const viewers = createViewerResolver((token) => services.tokens.verify(token), config.http.trustProxy);
  const rateLimits = rateLimiter ? useRateLimits({ limiter: rateLimiter, limits: config.rateLimit, metrics, identify: viewers.identify }) : undefined;
  const yoga = await createYogaServer({
    config,
    logger,
    metrics,
    db,
    services,
    operations,
    headers: useSecurityHeaders(config.production, renderOfflineGraphiQL),
    rateLimits,
    responseStore: responseCache?.store,
    alreadyMissed: cachedReads?.alreadyMissed,
    onStale: revalidate,
    tracing: tracing.enabled,
    viewerFrom: viewers.viewerFrom,
    draining: () => draining,
  });

  async function readinessReport(): Promise<ReadinessReport> {
    if (draining) return { status: 'draining', checks: {} };
    if (!started) return { status: 'starting', checks: {} };
    return runChecks(readiness);
  }

  const requests = createRequestHandler({
    config,
    logger,
    metrics,
    routes,
    yoga,
    inFlight: createInFlightGate(config.http.maxInFlight),
    cachedReads,
    rateLimits,
    readiness: readinessReport,
    draining: () => draining,
    metricsText: metricsSource(metrics.registry),
  });
  const server = createServer(observeRequests(requests.handle, { metrics, logger }));
  const ws = attachWebSocket(server, yoga as unknown as YogaServerInstance<object, object>, metrics);
  const metricsServer = config.http.metricsPort ? createServer(requests.handleMetrics) : undefined;

  const warmCache = async () =>
    responseCache ? warmResponseCache(yoga as unknown as YogaServerInstance<object, object>, options.warmOperations ?? DEFAULT_WARM_OPERATIONS, logger) : 0;

  let stopping: Promise<void> | undefined;
  return {
    config,
    db,
    services,
    logger,
    metrics,
    operations,
    yoga,
    server,
    readiness: readinessReport,
    async start(port = config.port) {
      const bound = await listen(server, port, config.host);
      const metricsPort = metricsServer ? await listen(metricsServer, config.http.metricsPort!, config.host) : undefined;
      await warmCache();
      const warmUp = await runChecks(readiness);
      if (warmUp.status === 'unavailable') logger.warn({ checks: warmUp.checks }, 'started, but a dependency is not ready yet');
      started = true;
      logger.info({ port: bound, metricsPort }, `GraphQL API ready at http://localhost:${bound}/graphql`);
      return {
        port: bound,
        url: `http://127.0.0.1:${bound}`,
        ...(metricsPort ? { metricsUrl: `http://127.0.0.1:${metricsPort}` } : {}),
      };
    },
    warmCache,
    stop() {
      stopping ??= (async () => {
        draining = true;
        const closed = Promise.all([close(server), ...(metricsServer ? [close(metricsServer)] : [])]);
        server.closeIdleConnections();
        await ws.close();
        // In-flight requests get most of the budget; what is left closes pools and flushes spans.
        const deadline = setTimeout(() => {
          logger.warn('shutdown timeout: closing the connections still open');
          server.closeAllConnections();
        }, config.http.shutdownTimeoutMs * 0.8).unref();
        await closed;
        clearTimeout(deadline);
        await yoga.dispose();
        services.liveMetrics.flush();
        await services.stopPublishingWorker();
        await services.queues.close();
        await services.generation.close();
        await rateLimiter?.close();
        await pubsub.close();
        await responseCache?.close();
        await db.close();
        await tracing.shutdown();
      })();
      return stopping;
    },
  };
}

/** The name of a cached query's single operation (`query Feed { ... }`), without parsing the whole document. */
const namedQuery = (query: string) => /^\s*query\s+([_A-Za-z]\w*)/m.exec(query)?.[1];

function listen(server: Server, port: number, host: string) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const close = (server: Server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
