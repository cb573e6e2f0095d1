import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createOperationRecorder, type OperationRecorder } from './graphql/operation-recorder.js';
import { openPersistedDocuments } from './graphql/persisted/open-persisted-documents.js';
import { schema } from './graphql/schema.js';
import { createGraphQLServer } from './graphql/server.js';
import { createAdmission } from './http/admission.js';
import { createCredentialsReader, createCredentialsRecheck } from './http/credentials.js';
import { createEdge, GRAPHQL_PATH } from './http/edge.js';
import { graphiqlRoutes } from './http/graphiql.js';
import { createHttpServer } from './http/http-server.js';
import { createInFlightGate } from './http/in-flight-gate.js';
import { mediaRoutes } from './http/media-routes.js';
import { oauthCallbackRoute } from './http/oauth-callback-route.js';
import { observeRequests } from './http/observe.js';
import { healthRoutes, metricsRoute, type ReadinessReport } from './http/ops-routes.js';
import { createRouter, serveRoutes } from './http/routes.js';
import { attachWebSocket } from './http/websocket.js';
import { metricsSource } from './infra/cluster/cluster-metrics.js';
import { runChecks } from './infra/health.js';
import { createRateLimiter } from './infra/rate-limiter.js';
import { createLinkedInCallback } from './modules/publishing/linkedin-callback.js';
import { openRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import type { GraphQLEndpoint, GraphQLParams } from './server-context.js';

export interface App extends Pick<Runtime, 'config' | 'db' | 'services' | 'logger' | 'metrics'> {
  /** Counts GraphQL operations; the response cache reports the ones it answered without execution here. */
  readonly operations: OperationRecorder;
  readonly graphql: GraphQLEndpoint;
  readonly server: Server;
  /** What /health/ready answers: "starting" until start() has warmed up, "draining" once stop() began. */
  readiness(): Promise<ReadinessReport>;
  /** Listens on the configured (or given) port, starts background work, warms up, then reports ready. */
  start(port?: number): Promise<{ port: number; url: string; metricsUrl?: string }>;
  /** Stops accepting, drains, stops background work, closes sockets and pools. Safe to call twice. */
  stop(): Promise<void>;
  /** Runs the warm-up queries into the response cache (done by `start`); resolves with how many were cached. */
  warmCache(): Promise<number>;
}

export interface AppOptions extends Omit<RuntimeOptions, 'role'> {
  /** Queries run at start so the response cache holds them (default: the first feed page). */
  warmOperations?: readonly GraphQLParams[];
}

/**
 * Composes the API process: the runtime (database, cache, queues, modules), the GraphQL layer and the
 * node:http edge in front of it, for HTTP, SSE and WebSocket. Opens the runtime; listens, starts
 * background work and warms the cache only in `start`.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const runtime = await openRuntime(config, { ...options, role: 'api' });
  const { logger, metrics, services } = runtime;
  const operations = createOperationRecorder(metrics);
  // Off, it holds nothing: no counters in memory and no Redis connection of its own.
  const limiter = config.features.rateLimit
    ? createRateLimiter({
        redis: runtime.redis?.open('rate-limit', { enableOfflineQueue: false, commandTimeout: 1000, lazyConnect: false }),
        prefix: config.redis?.prefix,
        logger,
      })
    : undefined;
  // The GraphQL layer is built below; the cache's revalidation and warm-up only run after start.
  const persisted = await openPersistedDocuments(config.persistedOperations, runtime.redis, logger);
  const cache = runtime.cache?.serving({
    schema,
    operations,
    run: (context) => graphql.run(context),
    documentOf: persisted.documentOf,
    workspacesOf: (userId) => services.workspaces.workspaceIdsOf(userId),
    logger,
  });
  const graphql = await createGraphQLServer({
    config,
    logger,
    metrics,
    db: runtime.db,
    services,
    operations,
    fieldRateLimits: limiter ? { limiter, limits: config.rateLimit, metrics } : undefined,
    persisted: persisted.documents,
    responseCache: cache?.plugin,
    tracing: runtime.tracing,
  });

  let started = false;
  let draining = false;
  async function readiness(): Promise<ReadinessReport> {
    if (draining) return { status: 'draining', checks: {} };
    if (!started) return { status: 'starting', checks: {} };
    return runChecks(runtime.checks);
  }
  const metricsText = { contentType: metrics.registry.contentType, text: metricsSource(metrics.registry) };
  const credentials = createCredentialsReader((token) => services.tokens.verify(token));
  const admission = limiter ? createAdmission({ limiter, limits: config.rateLimit, metrics }) : undefined;
  const edge = createEdge({
    options: {
      production: config.production,
      corsOrigins: config.cors.origins,
      trustProxy: config.http.trustProxy,
      maxBodyBytes: config.http.maxBodyBytes,
      maxUploadBytes: config.media.maxUploadBytes,
      bodyTimeoutMs: config.http.bodyTimeoutMs,
      bodyReadsPerClient: config.http.bodyReadsPerClient,
      compression: config.http.compression,
    },
    logger,
    metrics,
    routes: [
      ...healthRoutes(readiness),
      // Production serves /metrics on METRICS_PORT only, never on the public port.
      ...(config.production ? [] : [metricsRoute(metricsText)]),
      ...(services.localMedia ? mediaRoutes(services.localMedia, { bodyTimeoutMs: config.http.bodyTimeoutMs }) : []),
      oauthCallbackRoute('/auth/linkedin/callback', createLinkedInCallback(services.linkedInAccounts, logger), config.linkedIn.connectedRedirectUrl),
      ...(config.production ? [] : graphiqlRoutes(GRAPHQL_PATH, { title: 'LinkedIn Posts API', subscriptionsProtocol: 'WS' })),
    ],
    graphql: () => graphql,
    credentials,
    admission,
    inFlight: createInFlightGate(config.http.maxInFlight),
    cachedRead: cache?.tryServe,
    draining: () => draining,
  });
  const server = createHttpServer(
    observeRequests(edge.handle, { metrics, logger, router: edge.router }),
    { headersTimeoutMs: config.http.headersTimeoutMs, bodyTimeoutMs: config.http.bodyTimeoutMs },
    metrics,
  );
  const recheck = createCredentialsRecheck((viewer) => services.tokens.refusal(viewer));
  const ws = attachWebSocket(server, {
    graphql: () => graphql,
    maxOperationsPerSocket: config.subscriptions.perSocket,
    maxBufferedBytes: config.subscriptions.maxBufferedBytes,
    credentials,
    recheck,
    admission,
    trustProxy: config.http.trustProxy,
    metrics,
    path: GRAPHQL_PATH,
  });
  const metricsServer = config.http.metricsPort ? createServer(serveRoutes(createRouter([metricsRoute(metricsText)]))) : undefined;
  const warmCache = async () => (cache ? cache.warmUp(options.warmOperations) : 0);

  let stopping: Promise<void> | undefined;
  return {
    config,
    db: runtime.db,
    services,
    logger,
    metrics,
    operations,
    graphql,
    server,
    readiness,
    async start(port = config.port) {
      const bound = await listen(server, port, config.host);
      const metricsPort = metricsServer ? await listen(metricsServer, config.http.metricsPort!, config.host) : undefined;
      await runtime.start();
      await warmCache();
      const warmUp = await runChecks(runtime.checks);
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
        edge.drain();
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
        await graphql.dispose();
        await limiter?.close();
        await runtime.close();
      })();
      return stopping;
    },
  };
}

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
