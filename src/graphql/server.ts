import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ExecutionArgs, GraphQLError, getOperationAST } from 'graphql';
import { createYoga, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { activeTraceIds } from '../infra/tracing.js';
import type { GraphQLEndpoint, ServerContext } from '../server-context.js';
import type { Services } from '../services.js';
import type { Context } from './context.js';
import { maskError } from './errors.js';
import type { OperationRecorder } from './operation-recorder.js';
import { useEdgeParams } from './plugins/use-edge-params.js';
import { useErrorReporting } from './plugins/use-error-reporting.js';
import { type FieldRateLimitOptions, useFieldRateLimits } from './plugins/use-field-rate-limits.js';
import { useOperationLimits } from './plugins/use-operation-limits.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { usePersistedOperationsFromConfig } from './plugins/use-persisted-operations.js';
import { useRefusedToken } from './plugins/use-refused-token.js';
import { useRejectNulCharacters } from './plugins/use-reject-nul.js';
import { type ResponseCookiesServerContext, useResponseCookies } from './plugins/use-response-cookies.js';
import { useSharedSubscriptionExecution } from './plugins/use-shared-subscription-execution.js';
import { useTracing } from './plugins/use-tracing.js';
import { schema } from './schema.js';

export interface GraphQLServerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  services: Services;
  operations: OperationRecorder;
  /** Per-field budgets; absent when rate limits are off. */
  fieldRateLimits?: FieldRateLimitOptions;
  /** The response cache's plugin, which stores what executed queries answer. */
  responseCache?: Plugin;
  tracing: boolean;
}

type Enveloped = ReturnType<ReturnType<typeof createYoga<ServerContext, Context>>['getEnveloped']>;

/**
 * The GraphQL layer: the schema with every plugin that needs the document, in the order they must
 * run, and the per-request context built from what the edge decided. Everything about the HTTP
 * request itself (ids, headers, CORS, CSRF, body, caller, admission) was settled before it.
 */
export async function createGraphQLServer(deps: GraphQLServerDeps): Promise<GraphQLEndpoint> {
  const { config, logger, metrics, db, services } = deps;
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    cors: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    // The edge has read every body within MAX_BODY_BYTES; Yoga's own limit would pipe it through a second stream.
    maxRequestBodySize: false,
    plugins: [
      useEdgeParams(),
      useResponseCookies(),
      useRefusedToken(schema),
      useOperationMetrics(deps.operations, metrics),
      ...(deps.fieldRateLimits ? [useFieldRateLimits(deps.fieldRateLimits)] : []),
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
      ...(deps.responseCache ? [deps.responseCache] : []),
    ],
    // Refused credentials are answered by useRefusedToken, once the operation is known.
    context: ({ edge, responseCookies }: YogaInitialContext & ServerContext & ResponseCookiesServerContext): Context => {
      return {
        responseCookies,
        requestId: edge.requestId,
        viewer: edge.viewer,
        prisma: db.prisma,
        log: logger.child({ requestId: edge.requestId, ...activeTraceIds() }),
        services,
      };
    },
  });

  return {
    handle: (req, res, context) => void yoga.handle(req, res, context),

    async run(context) {
      const response = await yoga.fetch(
        'http://localhost/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify(context.edge.params),
        },
        context,
      );
      return { status: response.status, body: await response.text() };
    },

    async prepareSocketOperation(context, socket) {
      const params = context.edge.params ?? {};
      const request = new Request('http://localhost/graphql', { method: 'POST' });
      const enveloped = yoga.getEnveloped({ ...context, request, params, socket } as never);
      const document = enveloped.parse(params.query ?? '');
      const errors = enveloped.validate(enveloped.schema, document);
      if (errors.length) return errors;
      let contextValue: unknown;
      try {
        contextValue = await enveloped.contextFactory();
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return {
        schema: enveloped.schema,
        operationName: params.operationName,
        document,
        variableValues: params.variables,
        contextValue,
        rootValue: enveloped,
      };
    },

    execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
    subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
    dispose: async () => void (await yoga.dispose()),
  };
}
