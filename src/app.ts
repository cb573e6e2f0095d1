import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphQLError, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import type { Context, Viewer } from './context.js';
import { createCachedReadHandler } from './http/cached-read.js';
import { DEFAULT_WARM_OPERATIONS, warmResponseCache, type WarmOperation } from './http/cache-warm-up.js';
import { databaseCheck, redisCheck, runChecks, type HealthReport, type ReadinessCheck } from './http/health.js';
import { graphiqlAssetRoutes, renderOfflineGraphiQL } from './http/graphiql-assets.js';
import { linkedInCallbackRoute } from './http/linkedin-oauth.js';
import { observeRequests } from './http/observe.js';
import { requestRecordOf } from './http/request-scope.js';
import { findRoute, type Route } from './http/router.js';
import { attachWebSocket } from './http/websocket.js';
import { createDatabase, type Database, type DatabaseOptions } from './infra/db/database.js';
import { observePool, observeQueries } from './infra/db/db-metrics.js';
import { applyMigrations } from './infra/db/migrator.js';
import { openResponseStore } from './infra/cache/open-response-store.js';
import { createResponseCacheInvalidator } from './infra/cache/response-cache-invalidator.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMetrics, type Metrics } from './infra/metrics.js';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { clientIp } from './http/client-ip.js';
import { createInFlightGate } from './http/in-flight-gate.js';
import { attachBody, readBodyWithin } from './http/request-body.js';
import { securityHeaders } from './http/security-headers.js';
import { createRateLimiter } from './infra/rate-limiter.js';
import { createRedis } from './infra/redis.js';
import { createTopicPubSub } from './infra/pubsub.js';
import { activeTraceIds, startTracing, type TracingOptions } from './infra/tracing.js';
import { useErrorReporting } from './plugins/error-reporting.js';
import { createOperationRecorder, useOperationMetrics, type OperationRecorder } from './plugins/operation-metrics.js';
import { useOperationLimits } from './plugins/operation-limits.js';
import { usePersistedOperationsFromConfig } from './plugins/persisted-operations.js';
import { useRateLimits, type Caller, type ServerContext } from './plugins/rate-limit.js';
import { useRejectNulCharacters } from './plugins/reject-nul.js';
import { requestIdOf, useRequestId } from './plugins/request-id.js';
import { useSecurityHeaders } from './plugins/security-headers.js';
import { useTracing } from './plugins/tracing.js';
import { entityKey, sessionOf, useCachedResponses } from './plugins/response-cache.js';
import { responseCachePolicy } from './schema/cache-policy.js';
import { maskError } from './schema/errors.js';
import { schema } from './schema/index.js';
import { createServices, type Services } from './services.js';
import { AppError } from './shared/errors.js';

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

/** Any of these headers marks a browser request as preflighted (CSRF prevention). */
const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
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
  const cache = createResponseCacheInvalidator(responseCache?.store, entityKey);
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
  const cachedReads =
    responseCache &&
    createCachedReadHandler({
      store: responseCache.store,
      endpoint: '/graphql',
      maxBodyBytes: config.http.maxBodyBytes,
      sessionOfToken: async (token) => sessionOf(await services.tokens.verify(token)),
      onHit: ({ query, operationName }, seconds, req) => {
        const name = operationName ?? namedQuery(query);
        operations.recordCached(name, 'query', seconds);
        const request = requestRecordOf(req);
        if (request) Object.assign(request, { operationName: operations.label(name), operationType: 'query' });
      },
    });
  let draining = false;
  const rateLimiter = createRateLimiter({
    redis: config.redis
      ? createRedis(config.redis, logger, 'rate-limit', { enableOfflineQueue: false, commandTimeout: 1000, lazyConnect: false })
      : undefined,
    prefix: config.redis?.prefix,
    logger,
  });
  const inFlight = createInFlightGate(config.http.maxInFlight);
  const headers = useSecurityHeaders(config.production, renderOfflineGraphiQL);

  // One token verification per request, shared by the rate limiter and the context.
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  function viewerOf(request: Request): Promise<Viewer | null> {
    let viewer = viewers.get(request);
    if (!viewer) {
      const authorization = request.headers.get('authorization');
      viewer = (async () => {
        const token = bearerToken(authorization);
        return token ? await services.tokens.verify(token) : null;
      })();
      viewer.catch(() => undefined);
      viewers.set(request, viewer);
    }
    return viewer;
  }

  async function viewerFrom(request: Request): Promise<Viewer | null> {
    try {
      return await viewerOf(request);
    } catch (error) {
      if (error instanceof AppError) {
        throw createGraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
      }
      throw error;
    }
  }

  /** Signed-in callers spend their own budget; everyone else (bad tokens included) spends their IP's. */
  async function identify(request: Request, serverContext: ServerContext): Promise<Caller> {
    const viewer = await viewerOf(request).catch(() => null);
    if (viewer?.kind === 'user') return { key: `user:${viewer.userId}`, anonymous: false };
    if (viewer?.kind === 'service') return { key: `service:${viewer.name}`, anonymous: false };
    return { key: `ip:${clientIp(serverContext.req, config.http.trustProxy)}`, anonymous: true };
  }

  const rateLimits = config.features.rateLimit ? useRateLimits({ limiter: rateLimiter, limits: config.rateLimit, metrics, identify }) : undefined;

  /**
   * The cached-read fast path answers without Yoga, so the global rate limit and CSRF rules are
   * applied here first; requests it cannot serve go on to Yoga, which reuses the decision.
   */
  async function tryCachedRead(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!cachedReads) return false;
    if (req.method === 'GET' && !CSRF_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    if (rateLimits) {
      const request = new Request(`http://localhost${req.url ?? '/'}`, { headers: { authorization: String(req.headers.authorization ?? '') } });
      const decision = await rateLimits.admit(request, { req }, req);
      if (!decision.allowed) {
        const { body, headers } = rateLimits.refusal(decision, String(req.headers['x-request-id'] ?? ''));
        res.writeHead(429, headers);
        res.end(body);
        return true;
      }
      for (const [name, value] of Object.entries(rateLimits.rateLimitHeaders(decision))) res.setHeader(name, value);
    }
    return cachedReads.tryServe(req, res);
  }

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    healthCheckEndpoint: '/health/yoga',
    graphiql: config.production ? false : { title: 'LinkedIn Posts API', subscriptionsProtocol: 'WS' },
    renderGraphiQL: headers.renderGraphiQL,
    cors: config.cors.origins.length
      ? { origin: config.cors.origins, credentials: true, methods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 }
      : false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    plugins: [
      useRequestId(),
      // A response finished while draining ends its keep-alive connection, so the server can close.
      { onResponse: ({ response }) => void (draining && response.headers.set('connection', 'close')) },
      useOperationMetrics(operations, metrics),
      headers.plugin,
      useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
      ...(rateLimits ? [rateLimits.plugin] : []),
      ...(await usePersistedOperationsFromConfig(config.persistedOperations)),
      useRejectNulCharacters(),
      ...useOperationLimits({ introspection: config.features.introspection }),
      // After the operation limits: graphql-armor replaces the parse function rather than wrapping it.
      ...(tracing.enabled ? [useTracing()] : []),
      useErrorReporting(logger, metrics),
      ...(responseCache
        ? [useCachedResponses({ store: responseCache.store, policy: responseCachePolicy, alreadyMissed: cachedReads?.alreadyMissed })]
        : []),
    ],
    context: async ({ request }): Promise<Context> => {
      const requestId = requestIdOf(request);
      return {
        requestId,
        viewer: await viewerFrom(request),
        prisma: db.prisma,
        log: logger.child({ requestId, ...activeTraceIds() }),
        services,
      };
    },
  });

  async function readinessReport(): Promise<ReadinessReport> {
    if (draining) return { status: 'draining', checks: {} };
    if (!started) return { status: 'starting', checks: {} };
    return runChecks(readiness);
  }

  async function serveMetrics(res: ServerResponse) {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
  }

  const baseHeaders = Object.entries(securityHeaders(config.production));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (draining) res.setHeader('connection', 'close');
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live') return json(res, 200, { status: 'ok' });
    if (path === '/health/ready') {
      const report = await readinessReport();
      return json(res, report.status === 'ok' || report.status === 'degraded' ? 200 : 503, report);
    }
    if (path === '/metrics') return serveMetrics(res);
    const matched = findRoute(routes, req);
    if (matched) return matched.route.handle(req, res, matched.url);
    const release = inFlight.tryEnter();
    if (!release) {
      metrics.httpRequestsRejected.inc({ reason: 'overload' });
      res.setHeader('retry-after', '1');
      return json(res, 503, { errors: [{ message: 'The server is busy; retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 1 } }] });
    }
    res.once('close', release);
    if (await tryCachedRead(req, res)) return;
    const body = await readBodyWithin(req, config.http.maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too_large') {
      metrics.httpRequestsRejected.inc({ reason: 'body_too_large' });
      res.setHeader('connection', 'close');
      const message = `The request body is larger than ${config.http.maxBodyBytes} bytes.`;
      return json(res, 413, { errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    if (body) attachBody(req, body);
    return yoga.handle(req, res, { req });
  }

  const failed = (res: ServerResponse) => (error: unknown) => {
    logger.error({ err: error }, 'request handler failed');
    if (!res.headersSent) json(res, 500, { errors: [{ message: 'Unexpected error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
  const server = createServer(observeRequests((req, res) => void handle(req, res).catch(failed(res)), { metrics, logger }));
  const ws = attachWebSocket(server, yoga as unknown as YogaServerInstance<object, object>, metrics);
  // METRICS_PORT serves /metrics as well, so scrapers need not share the public port.
  const metricsServer = config.http.metricsPort
    ? createServer((req, res) => {
        if ((req.url ?? '/').split('?')[0] === '/metrics') void serveMetrics(res).catch(failed(res));
        else json(res, 404, { error: 'not found' });
      })
    : undefined;

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
        await services.queues.close();
        await services.generation.close();
        await rateLimiter.close();
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

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
