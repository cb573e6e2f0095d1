// Scenario 3: ranked full-text search for one or two words of the searcher's own posts (signed in,
// search covers their drafts as well as everyone's published posts).
import { SEARCH_POSTS } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function (data) {
  const user = pick(data.users);
  const query = Math.random() < 0.5 ? pick(user.terms) : `${pick(user.terms)} OR ${pick(user.terms)}`;
  const res = gql(SEARCH_POSTS, { query, first: 20 }, user.token, 'search');
  expectData(res, 'the search finds posts', (d) => d.searchPosts.edges.length > 0);
}
