import type { YogaServerInstance } from 'graphql-yoga';
import type { Logger } from '../infra/logger.js';

export interface WarmOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** The hottest public read: the first page of the feed, as the web app asks for it. */
export const DEFAULT_WARM_OPERATIONS: WarmOperation[] = [
  {
    operationName: 'Feed',
    query: `query Feed($first: Int) {
  posts(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id content hashtags tone status publishedAt createdAt author { id name headline } metrics { impressions reactions comments reposts clicks engagementRate } } }
  }
}`,
    variables: { first: 20 },
  },
];

/**
 * Runs each operation once, anonymously, so the response cache holds it before the first client
 * asks. Failures are logged, never fatal: a cold cache is slower, not broken.
 */
export async function warmResponseCache(yoga: YogaServerInstance<object, object>, operations: readonly WarmOperation[], logger: Logger): Promise<number> {
  let warmed = 0;
  for (const operation of operations) {
    try {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify(operation),
      });
      const result = (await response.json()) as { errors?: unknown[] };
      if (response.ok && !result.errors) warmed++;
      else logger.warn({ operation: operation.operationName, errors: result.errors }, 'cache warm-up operation failed');
    } catch (error) {
      logger.warn({ err: error, operation: operation.operationName }, 'cache warm-up operation failed');
    }
  }
  return warmed;
}
