import { pick } from '../content.js';
import { requestBody } from '../graphql-client.js';
import { SEARCH_POSTS, SEARCH_TERMS } from '../operations.js';
import type { HttpScenario } from './types.js';

/** Ranked full-text search for one or two words drawn from the seeded vocabulary (~900 distinct queries). */
export const search: HttpScenario = {
  kind: 'http',
  name: 'search',
  description: 'searchPosts(query, first: 20) over one or two seeded words',
  requests: (ctx) => () => {
    const words = ctx.random() < 0.5 ? [pick(ctx.random, SEARCH_TERMS)] : [pick(ctx.random, SEARCH_TERMS), pick(ctx.random, SEARCH_TERMS)];
    return { body: requestBody(SEARCH_POSTS, { query: words.join(' '), first: 20 }) };
  },
};
