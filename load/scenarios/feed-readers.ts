import { requestBody } from '../graphql-client.js';
import { FEED } from '../operations.js';
import { readFeed } from './mix.js';
import type { HttpScenario } from './types.js';

/**
 * The feed as its readers load it, at 500 concurrent connections: signed-in users asking for the
 * first page (half the time) or the page of posts before one of the last 90 days, as in `mix`.
 * These pages are shared by every reader, so this measures how the API holds up under many
 * connections on its hottest read, with entries expiring and refilling while it runs.
 */
export const feedReaders: HttpScenario = {
  kind: 'http',
  name: 'feed-500',
  description: 'posts(first: 20) as readers load it (first page or a day page, signed in), 500 connections',
  connections: 500,
  warmUpSec: 3,
  requests: (ctx) => readFeed(ctx),
};

/**
 * The same readers at a stated load instead of as fast as 500 connections go: 2,000 requests a
 * second (twice the seed's promised throughput) spread over the 500 connections on a fixed schedule.
 * Closed-loop, feed-500's latency is 500 ÷ its throughput by Little's law; this is the latency a
 * deployment's readers see at that load.
 */
export const pacedFeedReaders: HttpScenario = {
  ...feedReaders,
  name: 'feed-500-paced',
  description: 'posts(first: 20) as feed-500, offered at 2,000 req/s over 500 connections (open model)',
  ratePerSec: 2000,
};

/** The page every reader opens first: what the bare node:http baseline answers for this scenario. */
export const FEED_FIRST_PAGE = requestBody(FEED, { first: 20 });
