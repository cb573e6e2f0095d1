// Shared pieces of the k6 scripts: the GraphQL request helper, thresholds and a setup that creates
// its own users and posts through the API, so the scripts run against any deployment (BASE_URL)
// without a seed, docker compose's included (test/load/k6-scripts.test.ts runs each one).

import { check, fail } from 'k6';
import http from 'k6/http';
import { Rate } from 'k6/metrics';
import { CREATE_POST, ENGAGEMENT_TYPES, RECORD_ENGAGEMENTS, SEARCH_TERMS, SIGN_UP, THRESHOLDS } from '../operations.js';

export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:4000').replace(/\/$/, '');

/** GraphQL errors inside 200 responses, which http_req_failed does not see. */
export const graphqlErrors = new Rate('graphql_errors');

export const thresholds = {
  http_req_duration: [`p(95)<${THRESHOLDS.p95Ms}`, `p(99)<${THRESHOLDS.p99Ms}`],
  http_req_failed: [`rate<${THRESHOLDS.errorRate}`],
  graphql_errors: [`rate<${THRESHOLDS.errorRate}`],
  // Includes the checks that an answer has the data the scenario reads (a post, a feed page, search hits).
  checks: [`rate>${1 - THRESHOLDS.errorRate}`],
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

/**
 * Checks that a 200 answer carries the data the scenario came for (`expected` gets `data`), so a
 * script that reads nothing (a null post, an empty feed) fails instead of measuring it.
 */
export function expectData(res, label, expected) {
  return check(res, {
    [label]: (r) => {
      try {
        const body = r.json();
        return Boolean(body?.data && expected(body.data));
      } catch {
        return false;
      }
    },
  });
}

/** Two of the search terms for a post, so every term the scenarios search for is in some post. */
const termsOf = (n) => [SEARCH_TERMS[n % SEARCH_TERMS.length], SEARCH_TERMS[(n + 7) % SEARCH_TERMS.length]];

/**
 * Signs up USERS fresh users (default 10), each with POSTS_PER_USER drafts (default 5) and a day of
 * engagement on them, all through the API. The posts stay drafts: publishing needs a LinkedIn account
 * connected through a person's consent on linkedin.com, which a load generator cannot give (and
 * docker compose runs no LinkedIn of its own), so the scenarios read as the posts' authors, who see
 * their drafts wherever readers see published posts: post(id), their feed, search, analytics.
 */
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
    const terms = [];
    for (let p = 0; p < postsPerUser; p++) {
      const [first, second] = termsOf(i * postsPerUser + p);
      const created = gql(
        CREATE_POST,
        { input: { content: `k6 post ${p} by user ${i}: what ${first} taught us about ${second}. We kept what worked.`, hashtags: [first] } },
        token,
        'setup',
      ).json();
      if (!created?.data) fail(`createPost failed: ${JSON.stringify(created)}`);
      postIds.push(created.data.createPost.id);
      terms.push(first, second);
    }
    const now = Date.now();
    const events = postIds.flatMap((postId, p) =>
      ENGAGEMENT_TYPES.map((type, t) => ({ postId, type, count: 1 + ((p + t) % 5), at: new Date(now - (p * 5 + t) * 600_000).toISOString() })),
    );
    gql(RECORD_ENGAGEMENTS, { events }, token, 'setup');
    users.push({ id: user.id, token, postIds, terms });
  }
  return { users };
}

export const pick = (items) => items[Math.floor(Math.random() * items.length)];
