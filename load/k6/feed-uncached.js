// Scenario 2: a 20-post feed page with author, metrics and analysis; a different createdBefore each
// request so the response cache cannot answer. Authors read their own feed (filter.authorId), which
// lists their drafts (see setupUsers); createdBefore is a different millisecond ahead of now.
import { FEED } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

export default function (data) {
  const user = pick(data.users);
  const createdBefore = new Date(Date.now() + 1 + Math.floor(Math.random() * 3600_000)).toISOString();
  const res = gql(FEED, { first: 20, filter: { authorId: user.id, createdBefore } }, user.token, 'feed');
  expectData(res, "the feed lists the author's posts", (d) => d.posts.edges.length > 0);
}
