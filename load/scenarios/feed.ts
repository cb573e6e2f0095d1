import { requestBody } from '../graphql-client.js';
import { FEED } from '../operations.js';
import type { HttpScenario } from './types.js';

const NINETY_DAYS_MS = 90 * 24 * 3600 * 1000;

/**
 * A 20-post feed page with author, metrics and analysis. Every request asks for posts created before a
 * different millisecond of the last 90 days, so no two requests share a response-cache key and each one
 * runs the resolvers and the database.
 */
export const uncachedFeed: HttpScenario = {
  kind: 'http',
  name: 'feed-uncached',
  description: 'posts(first: 20) with author, metrics, analysis; distinct createdBefore per request (cache miss)',
  requests: (ctx) => {
    const now = Date.now();
    return () => {
      const createdBefore = new Date(now - Math.floor(ctx.random() * NINETY_DAYS_MS)).toISOString();
      return { body: requestBody(FEED, { first: 20, filter: { createdBefore } }) };
    };
  },
};
