import { pick } from '../content.js';
import { authHeaders, requestBody } from '../graphql-client.js';
import { WORKSPACE_FEED } from '../operations.js';
import type { HttpScenario } from './types.js';

/**
 * A team's feed (issue "Teams": 10,000 posts, 20 members), read page by page as its members read it: each
 * request is one member's page starting after a random post, so nearly every request misses the response
 * cache (its answers are kept per member) and SQL/req shows the statements a page costs.
 */
export const workspaceFeed: HttpScenario = {
  kind: 'http',
  name: 'workspace-feed',
  description: 'workspace(id) { posts(first: 20, after) } of the seeded team, as one of its members; random page (cache miss)',
  requests: (ctx) => {
    const team = ctx.fixtures.team;
    if (!team?.members.length || !team.cursors.length) throw new Error('the dataset has no team workspace with logged-in members: reseed it');
    return () => {
      const member = pick(ctx.random, team.members);
      // A tenth read the first page, as readers opening the workspace do.
      const after = ctx.random() < 0.1 ? null : pick(ctx.random, team.cursors);
      return { body: requestBody(WORKSPACE_FEED, { id: team.id, first: 20, after }), headers: authHeaders(member.token) };
    };
  },
};
