import { pick } from '../content.js';
import { authHeaders, requestBody } from '../graphql-client.js';
import type { LoadRequest } from '../http-load.js';
import { ANALYTICS_SUMMARY, ENGAGEMENT_TYPES, FEED, POST_BY_ID, RECORD_ENGAGEMENT } from '../operations.js';
import { createPost } from './create-post.js';
import { recordingAuthors } from './recording-authors.js';
import { search } from './search.js';
import { type HttpScenario, type ScenarioContext, type WeightedRequests, weighted } from './types.js';

type Generator = (ctx: ScenarioContext) => () => LoadRequest;

/**
 * Logged-in users reading a post from the recent pool. Reads of content follow a Zipf law (the n-th
 * most popular post is read about 1/n as often as the first): the index is drawn log-uniformly.
 */
const readPost: Generator = (ctx) => () => {
  const user = pick(ctx.random, ctx.fixtures.users);
  const ids = ctx.fixtures.postIds;
  const id = ids[Math.min(ids.length - 1, Math.floor((ids.length + 1) ** ctx.random()) - 1)]!;
  return { body: requestBody(POST_BY_ID, { id }), headers: authHeaders(user.token) };
};

/** The first feed pages, which everyone shares, and deeper pages via a cursor-free date filter. */
export const readFeed: Generator = (ctx) => () => {
  const user = pick(ctx.random, ctx.fixtures.users);
  const filter =
    ctx.random() < 0.5
      ? undefined
      : { createdBefore: `${new Date(Date.now() - Math.floor(ctx.random() * 90) * 24 * 3600 * 1000).toISOString().slice(0, 10)}T00:00:00.000Z` };
  return { body: requestBody(FEED, { first: 20, filter }), headers: authHeaders(user.token) };
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * An author's dashboard through today, in whole UTC days as dashboards ask: mostly the default 30
 * days, sometimes 7 or 90 (the `analytics-30d` scenario ends at the millisecond, so it computes every time).
 */
const readDashboard: Generator = (ctx) => () => {
  const user = pick(ctx.random, ctx.fixtures.users);
  const to = Math.ceil(Date.now() / DAY_MS) * DAY_MS;
  const r = ctx.random();
  const days = r < 0.8 ? 30 : r < 0.9 ? 7 : 90;
  return {
    body: requestBody(ANALYTICS_SUMMARY, { authorId: user.id, from: new Date(to - days * DAY_MS).toISOString(), to: new Date(to).toISOString() }),
    headers: authHeaders(user.token),
  };
};

const engage: Generator = (ctx) => {
  const authors = recordingAuthors(ctx);
  return () => {
    const user = pick(ctx.random, authors);
    return {
      body: requestBody(RECORD_ENGAGEMENT, { postId: pick(ctx.random, user.postIds), type: pick(ctx.random, ENGAGEMENT_TYPES), count: 1 }),
      headers: authHeaders(user.token),
    };
  };
};

/** Weighted operations: 90% reads, 10% writes. */
const WEIGHTS: [string, number, Generator][] = [
  ['post', 0.4, readPost],
  ['feed', 0.25, readFeed],
  ['search', 0.15, search.requests],
  ['analytics', 0.1, readDashboard],
  ['createPost', 0.05, createPost.requests],
  ['recordEngagement', 0.05, engage],
];

const components = (ctx: ScenarioContext): WeightedRequests[] => WEIGHTS.map(([name, weight, make]) => ({ name, weight, next: make(ctx) }));

export const mix: HttpScenario = {
  kind: 'http',
  name: 'mix',
  description: '90% reads (post 40, feed 25, search 15, analytics 10) / 10% writes (createPost 5, recordEngagement 5), many users',
  // A serving API has seen this traffic before: measure its hit rate in the steady state, not while the
  // cache fills. Every answer the mix reads shows metrics (a 30 s TTL), so after 45 s each entry made at
  // the start has outlived its TTL once and the window sees entries expire and refresh as they do in service.
  warmUpSec: 45,
  components,
  requests: (ctx) => weighted(ctx.random, components(ctx)),
};
