import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ReadinessCheck, redisCheck } from '../infra/health.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import type { RedisConnections } from '../infra/redis.js';
import type { EdgeRequest, GraphQLParams } from '../server-context.js';
import { createFastPath, type HitRecorder } from './fast-path.js';
import { createResponseCacheInvalidator, type ResponseCacheInvalidator } from './invalidator.js';
import { createMembershipDirectory, type MembershipLoader } from './membership-directory.js';
import { collectCachePolicy } from './policy.js';
import { createResponseKeyer } from './response-key.js';
import { ResponseStore } from './response-store.js';
import { createStaleRevalidator, type InternalRunner } from './revalidation.js';
import { useCachedResponses } from './use-response-cache.js';
import { DEFAULT_WARM_OPERATIONS, warmResponseCache } from './warm-up.js';

export interface ResponseCacheSettings {
  maxEntries: number;
  maxBytes: number;
  localTtlMs: number;
}

export interface ResponseCache {
  /** What every writer calls after a change (API and worker alike). */
  invalidator: ResponseCacheInvalidator;
  /** Whether the shared level (Redis) answers; absent when the cache is in process only. */
  readiness?: ReadinessCheck;
  /** The parts that serve GraphQL: the edge's look-up, the plugin that stores, and the warm-up. */
  serving(deps: ServingDeps): ResponseCacheServing;
  close(): Promise<void>;
}

export interface ServingDeps {
  schema: GraphQLSchema;
  operations: HitRecorder;
  /** Runs a request through GraphQL with no client (revalidation, warm-up); bound late, after GraphQL is built. */
  run: InternalRunner;
  /** The document a request runs, given as text or by a persisted hash (see FastPathOptions). */
  documentOf(params: GraphQLParams): Promise<string | undefined>;
  /** The workspaces a user belongs to, read from the database (see `createMembershipDirectory`). */
  workspacesOf: MembershipLoader;
  logger: Logger;
}

export interface ResponseCacheServing {
  /** Answers a request the edge digested from the cache when it can; true when it did. */
  tryServe(req: IncomingMessage, res: ServerResponse, edge: EdgeRequest): Promise<boolean>;
  plugin: Plugin;
  /** Runs the warm-up operations (default: the first feed page) into the cache; resolves with how many were stored. */
  warmUp(operations?: readonly GraphQLParams[]): Promise<number>;
}

/**
 * The response cache, one feature: a two-level store (in process, and Redis when configured), the
 * invalidator writers call, and — for a process that serves GraphQL — the look-up at the edge, the
 * plugin that stores executed answers, stale-while-revalidate and the warm-up. Its policy is read
 * from the schema (`extensions.cache` on types, fields and arguments).
 */
export function openResponseCache(settings: ResponseCacheSettings, redis: RedisConnections | undefined, logger: Logger, metrics: Metrics): ResponseCache {
  const limits = { maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, logger, metrics };
  const client = redis?.open('response-cache');
  const subscriber = redis?.open('response-cache-subscriber');
  const store = new ResponseStore(
    client && subscriber && redis ? { ...limits, redis: { client, subscriber, prefix: `${redis.config.prefix}rc:`, localTtlMs: settings.localTtlMs } } : limits,
  );
  return {
    invalidator: createResponseCacheInvalidator(store),
    ...(client ? { readiness: redisCheck(client) } : {}),
    serving({ schema, operations, run, documentOf, workspacesOf, logger: log }) {
      const policy = collectCachePolicy(schema);
      const keyOf = createResponseKeyer(policy.canonicalArguments);
      const { callerOf } = createMembershipDirectory(store, workspacesOf);
      const fastPath = createFastPath({ store, keyOf, operations, callerOf, documentOf, onStale: createStaleRevalidator(run, log) });
      return {
        tryServe: fastPath.tryServe,
        plugin: useCachedResponses({ store, policy, keyOf: (input, edge) => fastPath.missedKey(edge) ?? keyOf(input) }) as Plugin,
        warmUp: (warm = DEFAULT_WARM_OPERATIONS) => warmResponseCache(run, warm, log),
      };
    },
    async close() {
      client?.disconnect();
      subscriber?.disconnect();
    },
  };
}
