import type { Logger } from '../infra/logger.js';
import type { GraphQLParams } from '../server-context.js';
import { type InternalRunner, internalRequest } from './revalidation.js';

/** The hottest public read: the first page of the feed, as the web app asks for it. */
export const DEFAULT_WARM_OPERATIONS: GraphQLParams[] = [
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
export async function warmResponseCache(run: InternalRunner, operations: readonly GraphQLParams[], logger: Logger): Promise<number> {
  let warmed = 0;
  for (const operation of operations) {
    try {
      const { status, body } = await run({ edge: internalRequest(operation, null) });
      const result = JSON.parse(body) as { errors?: unknown[] };
      if (status === 200 && !result.errors) warmed++;
      else logger.warn({ operation: operation.operationName, errors: result.errors }, 'cache warm-up operation failed');
    } catch (error) {
      logger.warn({ err: error, operation: operation.operationName }, 'cache warm-up operation failed');
    }
  }
  return warmed;
}
