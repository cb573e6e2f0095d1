import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { getOperationAST } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Context, Viewer } from '../context.js';
import type { Database } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { ResponseStore } from '../infra/cache/response-store.js';
import { activeTraceIds } from '../infra/tracing.js';
import { useErrorReporting } from '../plugins/error-reporting.js';
import { useOperationMetrics, type OperationRecorder } from '../plugins/operation-metrics.js';
import { useOperationLimits } from '../plugins/operation-limits.js';
import { usePersistedOperationsFromConfig } from '../plugins/persisted-operations.js';
import type { ServerContext, useRateLimits } from '../plugins/rate-limit.js';
import { useRejectNulCharacters } from '../plugins/reject-nul.js';
import { useSharedSubscriptionExecution } from '../plugins/shared-subscription-execution.js';
import { requestIdOf, useRequestId } from '../plugins/request-id.js';
import { useCachedResponses, type ResponseCachePluginOptions } from '../plugins/response-cache.js';
import type { useSecurityHeaders } from '../plugins/security-headers.js';
import { useTracing } from '../plugins/tracing.js';
import { responseCachePolicy } from '../schema/cache-policy.js';
import { maskError } from '../schema/errors.js';
import { schema } from '../schema/index.js';
import type { Services } from '../services.js';

/** Any of these headers marks a browser request as preflighted (CSRF prevention). */
export const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

export interface YogaServerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  services: Services;
  operations: OperationRecorder;
  headers: ReturnType<typeof useSecurityHeaders>;
  rateLimits?: ReturnType<typeof useRateLimits>;
  responseStore?: ResponseStore;
  /** True when the HTTP fast path already looked this request's key up and missed. */
  alreadyMissed?: (serverRequest: object) => boolean;
  /** Re-executes a stale cache entry the GraphQL server served (see `createStaleRevalidator`). */
  onStale?: ResponseCachePluginOptions['onStale'];
  tracing: boolean;
  viewerFrom: (request: Request) => Promise<Viewer | null>;
  /** While draining, every response ends its keep-alive connection so the server can close. */
  draining: () => boolean;
}

/** The GraphQL server: the schema with every plugin, in the order they must run, and the per-request context. */
export async function createYogaServer(deps: YogaServerDeps) {
  const { config, logger, metrics, db, services, operations, headers, rateLimits, responseStore } = deps;
  return createYoga<ServerContext, Context>({
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
    // The HTTP handler has enforced MAX_BODY_BYTES before any request reaches Yoga (readBodyWithin);
    // Yoga's own limit would pipe every body through a second stream, an AbortController and all.
    maxRequestBodySize: false,
    plugins: [
      useRequestId(),
      { onResponse: ({ response }) => void (deps.draining() && response.headers.set('connection', 'close')) },
      useOperationMetrics(operations, metrics),
      headers.plugin,
      useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
      ...(rateLimits ? [rateLimits.plugin] : []),
      ...(await usePersistedOperationsFromConfig(config.persistedOperations)),
      useRejectNulCharacters(),
      ...useOperationLimits({ introspection: config.features.introspection }),
      // Compiled execution for queries and mutations; before tracing and the response cache, which wrap it.
      useGraphQlJit({}, { enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation !== 'subscription' }),
      // Subscription events: executed once per identical result, not once per subscriber.
      useSharedSubscriptionExecution(),
      // After the operation limits: graphql-armor replaces the parse function rather than wrapping it.
      ...(deps.tracing ? [useTracing()] : []),
      useErrorReporting(logger, metrics),
      ...(responseStore ? [useCachedResponses({ store: responseStore, policy: responseCachePolicy, alreadyMissed: deps.alreadyMissed, onStale: deps.onStale, operationLabel: operations.label })] : []),
    ],
    context: async ({ request }): Promise<Context> => {
      const requestId = requestIdOf(request);
      return {
        requestId,
        viewer: await deps.viewerFrom(request),
        prisma: db.prisma,
        log: logger.child({ requestId, ...activeTraceIds() }),
        services,
      };
    },
  });
}

export type YogaServer = Awaited<ReturnType<typeof createYogaServer>>;
