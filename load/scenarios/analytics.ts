import { pick } from '../content.js';
import { authHeaders, requestBody } from '../graphql-client.js';
import { ANALYTICS_SUMMARY } from '../operations.js';
import type { HttpScenario } from './types.js';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/** An author's own 30-day summary with a daily series; `to` is "now" to the millisecond, so it is computed each time. */
export const analytics: HttpScenario = {
  kind: 'http',
  name: 'analytics-30d',
  description: 'analyticsSummary(authorId: self, last 30 days) with daily series',
  requests: (ctx) => () => {
    const user = pick(ctx.random, ctx.fixtures.users);
    const to = Date.now();
    return {
      body: requestBody(ANALYTICS_SUMMARY, {
        authorId: user.id,
        from: new Date(to - THIRTY_DAYS_MS).toISOString(),
        to: new Date(to).toISOString(),
      }),
      headers: authHeaders(user.token),
    };
  },
};
