// Scenario 5: an author's own analytics over the last 30 days with a daily series.
import { ANALYTICS_SUMMARY } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export default function (data) {
  const user = pick(data.users);
  const to = Date.now();
  const res = gql(
    ANALYTICS_SUMMARY,
    { authorId: user.id, from: new Date(to - THIRTY_DAYS_MS).toISOString(), to: new Date(to).toISOString() },
    user.token,
    'analyticsSummary',
  );
  expectData(res, "the summary covers the author's posts", (d) => d.analyticsSummary.posts > 0);
}
