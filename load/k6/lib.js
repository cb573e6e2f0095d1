// Shared pieces of the k6 scripts: the GraphQL request helper, thresholds and a setup that creates
// its own users and posts, so the scripts run against any deployment (BASE_URL) without a seed.

import { check, fail } from 'k6';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import { CREATE_POST, PUBLISH_POST, SIGN_UP, THRESHOLDS } from '../operations.js';

export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:4000').replace(/\/$/, '');

/** GraphQL errors inside 200 responses, which http_req_failed does not see. */
export const graphqlErrors = new Rate('graphql_errors');

export const thresholds = {
  http_req_duration: [`p(95)<${THRESHOLDS.p95Ms}`, `p(99)<${THRESHOLDS.p99Ms}`],
  http_req_failed: [`rate<${THRESHOLDS.errorRate}`],
  graphql_errors: [`rate<${THRESHOLDS.errorRate}`],
};

/** Constant virtual users for DURATION (defaults: 32 users, 30 s). */
export function constantLoad(extra = {}) {
  return {
    scenarios: {
      default: { executor: 'constant-vus', vus: Number(__ENV.VUS || 32), duration: __ENV.DURATION || '30s' },
    },
    thresholds: { ...thresholds, ...extra },
  };
}

export function gql(query, variables, token, name) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = http.post(`${BASE_URL}/graphql`, JSON.stringify({ query, variables }), { headers, tags: { name: name || 'graphql' } });
  const ok = check(res, {
    'status is 200': (r) => r.status === 200,
    'no GraphQL errors': (r) => typeof r.body === 'string' && !r.body.includes('"errors"'),
  });
  graphqlErrors.add(!ok);
  return res;
}

/** Signs up USERS fresh users (default 10), each with POSTS_PER_USER published posts (default 5). */
export function setupUsers() {
  const count = Number(__ENV.USERS || 10);
  const postsPerUser = Number(__ENV.POSTS_PER_USER || 5);
  const run = Date.now().toString(36);
  const users = [];
  for (let i = 0; i < count; i++) {
    const res = http.post(
      `${BASE_URL}/graphql`,
      JSON.stringify({ query: SIGN_UP, variables: { input: { email: `k6-${run}-${i}@example.test`, password: `k6-password-${run}`, name: `k6 user ${i}` } } }),
      { headers: { 'content-type': 'application/json' } },
    );
    const body = res.json();
    if (!body?.data) fail(`signUp failed: ${res.status} ${res.body}`);
    const { token, user } = body.data.signUp;
    const postIds = [];
    for (let p = 0; p < postsPerUser; p++) {
      const created = gql(
        CREATE_POST,
        { input: { content: `k6 post ${p} by user ${i}: notes on leadership, hiring and remote work.`, hashtags: ['leadership'] } },
        token,
        'setup',
      ).json();
      const id = created.data.createPost.id;
      gql(PUBLISH_POST, { id }, token, 'setup');
      postIds.push(id);
    }
    users.push({ id: user.id, token, postIds });
  }
  return { users, postIds: users.flatMap((u) => u.postIds) };
}

export const pick = (items) => items[Math.floor(Math.random() * items.length)];
