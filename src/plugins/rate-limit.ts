import type { IncomingMessage } from 'node:http';
import { TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Metrics } from '../infra/metrics.js';
import type { RateLimitDecision, RateLimiter } from '../infra/rate-limiter.js';
import { requestIdOf } from './request-id.js';

/** Names of the per-field limits a schema field can declare with `extensions: { rateLimit: <name> }`. */
export type FieldRateLimit = keyof Config['rateLimit']['fields'];

/** Who spends from a budget: `user:<id>`, `service:<name>` or `ip:<address>`. */
export interface Caller {
  key: string;
  anonymous: boolean;
}

export interface ServerContext {
  req?: IncomingMessage;
  /** Set on the server's own re-execution of a stale cache entry (see `createStaleRevalidator`). */
  revalidating?: boolean;
}

export interface RateLimitOptions {
  limiter: RateLimiter;
  limits: Config['rateLimit'];
  metrics: Metrics;
  identify(request: Request, serverContext: ServerContext): Promise<Caller>;
}

/** Standard headers (IETF RateLimit fields, draft 7 style plus the older triple) for a decision. */
export function rateLimitHeaders(decision: RateLimitDecision, windowSeconds: number): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${decision.limit};w=${windowSeconds}`,
    ...(decision.allowed ? {} : { 'Retry-After': String(decision.resetSeconds) }),
  };
}

function rateLimitedError(decision: RateLimitDecision, windowSeconds: number, message: string, path?: string[]) {
  return createGraphQLError(message, {
    path,
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: decision.resetSeconds,
      http: { status: 429, headers: rateLimitHeaders(decision, windowSeconds) },
    },
  });
}

const fieldLimitOf = (extensions: Record<string, unknown> | undefined) =>
  typeof extensions?.rateLimit === 'string' ? (extensions.rateLimit as FieldRateLimit) : undefined;

/** Every rate-limited field an operation selects, once per occurrence (aliases each count). */
function limitedFields(schema: GraphQLSchema, document: Parameters<typeof visit>[0]) {
  const found: { limit: FieldRateLimit; field: string; responseKey: string }[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const limit = field && fieldLimitOf(field.extensions as Record<string, unknown>);
        if (field && limit) found.push({ limit, field: field.name, responseKey: node.alias?.value ?? node.name.value });
      },
    }),
  );
  return found;
}

/**
 * A global budget per caller (per user, or per IP when anonymous) checked before anything is
 * parsed, and tighter budgets on expensive fields declared in the schema, checked before
 * execution. Over budget: RATE_LIMITED with `retryAfter`, HTTP 429, RateLimit headers.
 */
export function useRateLimits({ limiter, limits, metrics, identify }: RateLimitOptions) {
  const decisions = new WeakMap<object, RateLimitDecision>();
  const window = limits.windowSeconds;

  /** Spends one request from the caller's global budget; `by` is the request the decision is remembered for. */
  async function admit(request: Request, serverContext: ServerContext, by: object) {
    const known = decisions.get(by);
    if (known) return known;
    const caller = await identify(request, serverContext);
    const decision = await limiter.consume(`global:${caller.key}`, caller.anonymous ? limits.anonymous : limits.user, window);
    decisions.set(by, decision);
    if (!decision.allowed) metrics.rateLimitRejections.inc({ limit: caller.anonymous ? 'anonymous' : 'user' });
    return decision;
  }

  function refusal(decision: RateLimitDecision, requestId: string) {
    const error = {
      message: `Too many requests: at most ${decision.limit} every ${window} s. Retry in ${decision.resetSeconds} s.`,
      extensions: { code: 'RATE_LIMITED', retryAfter: decision.resetSeconds, requestId },
    };
    return {
      body: JSON.stringify({ errors: [error] }),
      headers: { 'content-type': 'application/json; charset=utf-8', ...rateLimitHeaders(decision, window) },
    };
  }

  const plugin: Plugin<Record<string, unknown>, ServerContext> = {
    async onRequest({ request, serverContext, endResponse, fetchAPI }) {
      // The server refreshing a stale cache entry on its own: nobody's request to count.
      if (serverContext?.revalidating) return;
      const decision = await admit(request, serverContext ?? {}, serverContext?.req ?? request);
      decisions.set(request, decision);
      if (decision.allowed) return;
      const { body, headers } = refusal(decision, requestIdOf(request));
      endResponse(new fetchAPI.Response(body, { status: 429, headers }));
    },
    onResponse({ request, response }) {
      const decision = decisions.get(request);
      if (!decision || response.headers.has('RateLimit-Limit')) return;
      for (const [name, value] of Object.entries(rateLimitHeaders(decision, window))) response.headers.set(name, value);
    },
    async onExecute({ args, setResultAndStopExecution }) {
      if ((args.contextValue as ServerContext).revalidating) return;
      const fields = limitedFields(args.schema, args.document);
      if (!fields.length) return;
      const context = args.contextValue as { request?: Request; req?: IncomingMessage };
      const caller = context.request ? await identify(context.request, context) : { key: 'unknown', anonymous: true };
      const errors = [];
      for (const { limit, field, responseKey } of fields) {
        const decision = await limiter.consume(`field:${limit}:${caller.key}`, limits.fields[limit], window);
        if (decision.allowed) continue;
        metrics.rateLimitRejections.inc({ limit });
        const message = `Too many ${field} requests: at most ${decision.limit} every ${window} s. Retry in ${decision.resetSeconds} s.`;
        errors.push(rateLimitedError(decision, window, message, [responseKey]));
      }
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
  return { plugin, admit, refusal, rateLimitHeaders: (decision: RateLimitDecision) => rateLimitHeaders(decision, window) };
}
