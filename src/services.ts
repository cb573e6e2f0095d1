import type { Config } from './config.js';
import type { ResponseCacheInvalidator } from './infra/cache/response-cache-invalidator.js';
import type { Database } from './infra/db/database.js';
import type { Logger } from './infra/logger.js';
import type { Metrics } from './infra/metrics.js';
import type { PubSubHandle } from './infra/pubsub.js';
import { analyzeText } from './modules/analysis/analyze.js';
import { createPostService } from './modules/posts/post.service.js';
import { createAuthService } from './modules/users/auth.service.js';
import { createTokenService } from './modules/users/tokens.js';

export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  pubsub: PubSubHandle['pubsub'];
  /** Response cache invalidation, for every service that writes what queries read. */
  cache: ResponseCacheInvalidator;
}

/** Every domain service, wired once per process; resolvers reach them through the context. */
export function createServices({ config, db, pubsub, cache }: ServiceDeps) {
  const tokens = createTokenService(config.auth.secretKey, config.auth.tokenTtlSeconds);
  return {
    tokens,
    pubsub,
    cache,
    auth: createAuthService(db.prisma, tokens),
    posts: createPostService({ prisma: db.prisma, analyze: analyzeText, cache }),
  };
}

export type Services = ReturnType<typeof createServices>;
