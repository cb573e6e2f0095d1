import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin, useErrorHandler, type YogaInitialContext } from 'graphql-yoga';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import type { ServerContext } from '../../server-context.js';
import type { Context } from '../context.js';
import { isUnexpectedError } from '../errors.js';

/** A code for errors raised by graphql-js or Yoga itself, which carry none. */
function defaultCode(error: GraphQLError): string {
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (status === 403) return 'FORBIDDEN';
  if (status && status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'GRAPHQL_VALIDATION_FAILED';
}

function withRequestId(result: ExecutionResult, requestId: string, keepInternals = true): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const { http, ...extensions } = error.extensions ?? {};
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...extensions, ...(keepInternals && http ? { http } : {}), code: error.extensions?.code ?? defaultCode(error), requestId },
      });
    }),
  };
}

/**
 * A result as a WebSocket client gets it: the same error extensions as over HTTP (`code`,
 * `requestId`), without the ones for the HTTP layer (`http`), which Yoga strips from HTTP answers.
 */
export const socketResult = (result: ExecutionResult, requestId: string): ExecutionResult => withRequestId(result, requestId, false);

/**
 * Logs every unexpected error with its request id (clients only see "Unexpected error"),
 * counts errors by code, and puts the request id into every error's extensions.
 */
export function useErrorReporting(logger: Logger, metrics: Metrics): Plugin<Context, ServerContext> {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useErrorHandler<YogaInitialContext & Context>(({ errors, context }) => {
          for (const error of errors) {
            if (isUnexpectedError(error)) {
              const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
              ((context as Partial<Context>).log ?? logger).error({ err: original, path: (error as GraphQLError).path }, 'unexpected error');
            }
          }
        }),
      );
    },
    onResultProcess({ serverContext, result, setResult }) {
      if (isAsyncIterable(result)) return;
      const requestId = serverContext.edge.requestId;
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        for (const error of r.errors ?? []) {
          metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? defaultCode(error)) });
        }
      }
      setResult(Array.isArray(result) ? result.map((r) => withRequestId(r, requestId)) : withRequestId(result, requestId));
    },
  };
}
