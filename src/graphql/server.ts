import { useGraphQlJit } from '@envelop/graphql-jit';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import { createYoga, isAsyncIterable, mapAsyncIterator, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { activeTraceIds } from '../infra/tracing.js';
import type { GraphQLEndpoint, ServerContext } from '../server-context.js';
import type { Services } from '../services.js';
import { asksForIncrementalDelivery } from '../shared/incremental-delivery.js';
import type { Context } from './context.js';
import { isUnexpectedError, maskError } from './errors.js';
import type { OperationRecorder } from './operation-recorder.js';
import type { PersistedDocuments } from './persisted/persisted-documents.js';
import { useArgumentChecks } from './plugins/use-argument-checks.js';
import { useEdgeParams } from './plugins/use-edge-params.js';
import { useErrorBodies } from './plugins/use-error-bodies.js';
import { socketResult, useErrorReporting } from './plugins/use-error-reporting.js';
import { useFeatureSwitches } from './plugins/use-feature-switches.js';
import { type FieldRateLimitOptions, useFieldRateLimits } from './plugins/use-field-rate-limits.js';
import { useOperationLimits } from './plugins/use-operation-limits.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { usePersistedOperations } from './plugins/use-persisted-operations.js';
import { useRejectNulCharacters } from './plugins/use-reject-nul.js';
import { type ResponseCookiesServerContext, useResponseCookies } from './plugins/use-response-cookies.js';
import { useSharedSubscriptionExecution } from './plugins/use-shared-subscription-execution.js';
import { useSubscriptionLimits } from './plugins/use-subscription-limits.js';
import { useTracing } from './plugins/use-tracing.js';
import { schema } from './schema.js';

/** Items a list argument may hold unless its schema says more (`extensions.maxItems`). */
const MAX_LIST_ITEMS = 100;

export interface GraphQLServerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  services: Services;
  operations: OperationRecorder;
  /** Per-field budgets; absent when rate limits are off. */
  fieldRateLimits?: FieldRateLimitOptions;
  /** Documents sent by hash (manifest, automatic persisted queries). */
  persisted: PersistedDocuments;
  /** The response cache's plugin, which stores what executed queries answer. */
  responseCache?: Plugin;
  tracing: boolean;
}

/** Every result a streamed operation yields, in the shape HTTP clients get (see socketResult). */
async function forStream(args: ExecutionArgs, running: unknown): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> {
  const requestId = (args.contextValue as Context).requestId;
  const result = (await running) as ExecutionResult | AsyncIterable<ExecutionResult>;
  if (!isAsyncIterable(result)) return socketResult(result, requestId);
  return mapAsyncIterator(result, (each) => socketResult(each, requestId));
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
    // GraphQL over HTTP names a persisted document `documentId` (see use-persisted-operations).
    extraParamNames: ['documentId'],
    graphiql: false,
    cors: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Yoga logs every error it masks: a client's or an outage's (answered with their code) are not the
      // server's failures, and the unexpected ones are logged with their request id by useErrorReporting.
      error: (...args) => (args.some(isUnexpectedError) ? logger.error(args.map(String).join(' ')) : logger.debug(args.map(String).join(' '))),
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    // The edge has read every body within MAX_BODY_BYTES; Yoga's own limit would pipe it through a second stream.
    maxRequestBodySize: false,
    plugins: [
      useEdgeParams(),
      useErrorBodies(),
      useResponseCookies(),
      useOperationMetrics(deps.operations, metrics),
      // Before the rate limits: a switched-off field spends no budget.
      useFeatureSwitches(config.features),
      ...(deps.fieldRateLimits ? [useFieldRateLimits(deps.fieldRateLimits)] : []),
      useSubscriptionLimits(config.subscriptions.perCaller, metrics),
      usePersistedOperations(deps.persisted),
      useRejectNulCharacters(),
      useArgumentChecks(MAX_LIST_ITEMS),
      ...useOperationLimits({ introspection: config.features.introspection }),
      // @defer and @stream: answered in parts (multipart/mixed, text/event-stream, WebSocket) by Yoga's own executor.
      useDeferStream(),
      // Compiled execution for queries and mutations answered whole; before tracing and the response cache, which wrap it.
      useGraphQlJit(
        {},
        {
          enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation !== 'subscription' && !asksForIncrementalDelivery(args.document),
        },
      ),
      // Subscription events: executed once per identical result, not once per subscriber.
      useSharedSubscriptionExecution(),
      // After the operation limits: graphql-armor replaces the parse function rather than wrapping it.
      ...(deps.tracing ? [useTracing()] : []),
      useErrorReporting(logger, metrics),
      ...(deps.responseCache ? [deps.responseCache] : []),
    ],
    // Refused credentials do not refuse the request: logIn, signUp, refreshSession and public reads still
    // work with a stale token attached; what needs a session answers UNAUTHENTICATED (see authProblem).
    context: ({ edge, responseCookies }: YogaInitialContext & ServerContext & ResponseCookiesServerContext): Context => {
      return {
        responseCookies,
        requestId: edge.requestId,
        viewer: edge.viewer,
        ...(edge.authError ? { authProblem: edge.authError } : {}),
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

    async prepareOperation(context) {
      const params = context.edge.params ?? {};
      const request = new Request('http://localhost/graphql', { method: 'POST' });
      const enveloped = yoga.getEnveloped({ ...context, request, params } as never);
      let document: ReturnType<typeof enveloped.parse>;
      try {
        document = enveloped.parse(params.query ?? '');
      } catch (error) {
        // A syntax error fails this operation only, not the connection and the client's other subscriptions.
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
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

    execute: (args: ExecutionArgs) => forStream(args, (args.rootValue as Enveloped).execute(args)),
    subscribe: (args: ExecutionArgs) => forStream(args, (args.rootValue as Enveloped).subscribe(args)),
    dispose: async () => void (await yoga.dispose()),
  };
}
