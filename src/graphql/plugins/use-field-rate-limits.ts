import type { DocumentNode, GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Config } from '../../config.js';
import type { Metrics } from '../../infra/metrics.js';
import { type RateLimitDecision, type RateLimiter, rateLimitHeaders } from '../../infra/rate-limiter.js';
import type { Caller, ServerContext } from '../../server-context.js';
import { fieldsDeclaring } from '../declared-fields.js';
import { httpStatus } from '../http-status.js';

/** Names of the per-field limits a schema field can declare with `extensions: { rateLimit: <name> }`. */
export type FieldRateLimit = keyof Config['rateLimit']['fields'];

export interface FieldRateLimitOptions {
  limiter: RateLimiter;
  limits: Pick<Config['rateLimit'], 'windowSeconds' | 'fields'>;
  metrics: Metrics;
}

function rateLimitedError(decision: RateLimitDecision, windowSeconds: number, message: string, path: string[]) {
  return createGraphQLError(message, {
    path,
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: decision.resetSeconds,
      http: httpStatus(429, rateLimitHeaders(decision, windowSeconds)),
    },
  });
}

const fieldLimitOf = (extensions: Record<string, unknown>) => (typeof extensions.rateLimit === 'string' ? (extensions.rateLimit as FieldRateLimit) : undefined);

/**
 * Tighter budgets on expensive fields declared in the schema, spent by the caller the edge
 * identified, before an operation runs, over every transport alike. Over budget: RATE_LIMITED with
 * `retryAfter` (HTTP 429 and RateLimit headers over HTTP).
 */
export function useFieldRateLimits({ limiter, limits, metrics }: FieldRateLimitOptions): Plugin<Partial<ServerContext>> {
  const window = limits.windowSeconds;

  async function check(args: { schema: GraphQLSchema; document: DocumentNode; contextValue: unknown }) {
    const edge = (args.contextValue as Partial<ServerContext>).edge;
    if (edge?.internal) return undefined;
    const fields = fieldsDeclaring(args.schema, args.document, fieldLimitOf);
    if (!fields.length) return undefined;
    const caller: Caller = edge?.caller ?? { key: 'unknown', anonymous: true };
    const errors = [];
    for (const { declared: limit, field, responseKey } of fields) {
      const decision = await limiter.consume(`field:${limit}:${caller.key}`, limits.fields[limit], window);
      if (decision.allowed) continue;
      metrics.rateLimitRejections.inc({ limit });
      const message = `Too many ${field} requests: at most ${decision.limit} every ${window} s. Retry in ${decision.resetSeconds} s.`;
      errors.push(rateLimitedError(decision, window, message, [responseKey]));
    }
    return errors.length ? errors : undefined;
  }

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const errors = await check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const errors = await check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
