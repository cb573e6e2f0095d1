// Scenario 6: a realistic mix, 90% reads and 10% writes, over many users.
import { ANALYTICS_SUMMARY, CREATE_POST, ENGAGEMENT_TYPES, FEED, POST_BY_ID, RECORD_ENGAGEMENT, SEARCH_POSTS, SEARCH_TERMS } from '../operations.js';
import { constantLoad, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

const DAY_MS = 24 * 3600 * 1000;

export default function (data) {
  const user = pick(data.users);
  const r = Math.random();
  if (r < 0.4) {
    gql(POST_BY_ID, { id: pick(data.postIds) }, user.token, 'post');
  } else if (r < 0.65) {
    const filter = Math.random() < 0.5 ? undefined : { createdBefore: new Date(Date.now() - Math.floor(Math.random() * 90) * DAY_MS).toISOString() };
    gql(FEED, { first: 20, filter }, user.token, 'feed');
  } else if (r < 0.8) {
    gql(SEARCH_POSTS, { query: pick(SEARCH_TERMS), first: 20 }, user.token, 'search');
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
