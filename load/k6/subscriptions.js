// Scenario 8: many WebSocket subscribers (graphql-transport-ws) following generation progress.
// Each iteration starts a job over HTTP and follows it to completion over its own WebSocket;
// progress_event_latency is the time from subscribing to each event, subscription_duration to the end.

import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import ws from 'k6/ws';
import { GENERATE_POST, GENERATION_PROGRESS } from '../operations.js';
import { BASE_URL, gql, pick, setupUsers, thresholds } from './lib.js';

export const options = {
  scenarios: {
    default: { executor: 'constant-vus', vus: Number(__ENV.VUS || 500), duration: __ENV.DURATION || '60s' },
  },
  thresholds: {
    http_req_failed: thresholds.http_req_failed,
    graphql_errors: thresholds.graphql_errors,
    checks: thresholds.checks,
    subscription_completed: ['count>0'],
  },
};
export const setup = setupUsers;

const eventLatency = new Trend('progress_event_latency', true);
const subscriptionDuration = new Trend('subscription_duration', true);
const completed = new Counter('subscription_completed');

export default function (data) {
  const user = pick(data.users);
  const job = gql(GENERATE_POST, { input: { topic: `k6 fan-out ${__VU}-${__ITER}`, tone: 'PROFESSIONAL', maxLength: 600 } }, user.token, 'generatePost').json();
  if (!job?.data) return;
  const jobId = job.data.generatePost.id;
  const url = `${BASE_URL.replace(/^http/, 'ws')}/graphql`;
  const res = ws.connect(url, { headers: { 'Sec-WebSocket-Protocol': 'graphql-transport-ws' } }, (socket) => {
    let subscribedAt = 0;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${user.token}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw);
      if (message.type === 'connection_ack') {
        subscribedAt = Date.now();
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: GENERATION_PROGRESS, variables: { jobId } } }));
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        eventLatency.add(Date.now() - subscribedAt);
      } else if (message.type === 'complete') {
        subscriptionDuration.add(Date.now() - subscribedAt);
        completed.add(1);
        socket.close();
      } else if (message.type === 'error') {
        socket.close();
      }
    });
    socket.setTimeout(() => socket.close(), 60000);
  });
  check(res, { 'websocket upgraded': (r) => r && r.status === 101 });
}
