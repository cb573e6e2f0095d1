// Scenario 6: a realistic mix, 90% reads and 10% writes, over many users. The posts are drafts (see
// setupUsers), so each user reads their own: post(id), their feed, search for their posts' words.
import { ANALYTICS_SUMMARY, CREATE_POST, ENGAGEMENT_TYPES, FEED, POST_BY_ID, RECORD_ENGAGEMENT, SEARCH_POSTS, SEARCH_TERMS } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export default function (data) {
  const user = pick(data.users);
  const r = Math.random();
  if (r < 0.4) {
    const res = gql(POST_BY_ID, { id: pick(user.postIds) }, user.token, 'post');
    expectData(res, 'the post is found', (d) => d.post !== null);
  } else if (r < 0.65) {
    // The first page, shared by every request of the author, or the page before the next whole hour.
    const filter =
      Math.random() < 0.5 ? { authorId: user.id } : { authorId: user.id, createdBefore: new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS).toISOString() };
    const res = gql(FEED, { first: 20, filter }, user.token, 'feed');
    expectData(res, "the feed lists the author's posts", (d) => d.posts.edges.length > 0);
  } else if (r < 0.8) {
    const res = gql(SEARCH_POSTS, { query: pick(user.terms), first: 20 }, user.token, 'search');
    expectData(res, 'the search finds posts', (d) => d.searchPosts.edges.length > 0);
  } else if (r < 0.9) {
    const to = Date.now();
    gql(
      ANALYTICS_SUMMARY,
      { authorId: user.id, from: new Date(to - 30 * DAY_MS).toISOString(), to: new Date(to).toISOString() },
      user.token,
      'analyticsSummary',
    );
  } else if (r < 0.95) {
    gql(CREATE_POST, { input: { content: `Mixed-load post about ${pick(SEARCH_TERMS)} ${Date.now()}` } }, user.token, 'createPost');
  } else {
    gql(RECORD_ENGAGEMENT, { postId: pick(user.postIds), type: pick(ENGAGEMENT_TYPES), count: 1 }, user.token, 'recordEngagement');
  }
}
