// Scenario 7: bulk engagement ingest in batches of 500 events; events_ingested counts events/s.
// Each author records engagement on their own posts, which needs no ingest service token.
import { Counter } from 'k6/metrics';
import { ENGAGEMENT_TYPES, RECORD_ENGAGEMENTS } from '../operations.js';
import { constantLoad, expectData, gql, pick, setupUsers } from './lib.js';

export const options = constantLoad();
export const setup = setupUsers;

const BATCH = 500;
const eventsIngested = new Counter('events_ingested');
let sequence = 0;

export default function (data) {
  const user = pick(data.users);
  const now = Date.now();
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    events.push({
      postId: pick(user.postIds),
      type: pick(ENGAGEMENT_TYPES),
      count: 1,
      at: new Date(now - Math.floor(Math.random() * 24 * 3600 * 1000)).toISOString(),
      eventId: `k6-${__VU}-${now}-${sequence++}`,
    });
  }
  const res = gql(RECORD_ENGAGEMENTS, { events }, user.token, 'recordEngagements');
  if (expectData(res, 'every event is stored', (d) => d.recordEngagements === BATCH)) eventsIngested.add(BATCH);
  else if (res.status === 200) eventsIngested.add(res.json().data?.recordEngagements ?? 0);
}
