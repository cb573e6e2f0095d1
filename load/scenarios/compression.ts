import { requestBody } from '../graphql-client.js';
import type { LoadRequest } from '../http-load.js';
import { POST_HEADLINE } from '../operations.js';
import { uncachedFeed } from './feed.js';
import { FEED_FIRST_PAGE } from './feed-readers.js';
import type { HttpScenario } from './types.js';

/*
 * Compression at the edge (COMPRESSION, COMPRESSION_MIN_BYTES), in pairs measured in the same run: each
 * scenario again with the Accept-Encoding browsers send, or one coding. The ratios (bench.ts) compare the
 * server's CPU per request and the bytes per response of each pair. Compressed bodies are not checked for
 * GraphQL `errors` under load (autocannon reads them as they arrive); the probe before each run decodes one.
 */

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

const withHeaders = (headers: Record<string, string>, next: () => LoadRequest) => () => {
  const request = next();
  return { ...request, headers: { ...request.headers, ...headers } };
};

/** A cached answer of about 100 bytes of JSON, far under the threshold: compression must cost it nothing. */
const smallAnswer: HttpScenario = {
  kind: 'http',
  name: 'small-answer',
  description: 'post(id) { id status createdAt }, same request repeated (response cache), ~100 bytes, no Accept-Encoding',
  requests: (ctx) => {
    const body = requestBody(POST_HEADLINE, { id: ctx.fixtures.postIds[0] });
    return () => ({ body });
  },
};

const smallAnswerBrowser: HttpScenario = {
  ...smallAnswer,
  name: 'small-answer-br',
  description: 'small-answer asking for br/gzip as browsers do: under COMPRESSION_MIN_BYTES, sent as it is',
  requests: (ctx) => withHeaders(BROWSER, smallAnswer.requests(ctx)),
};

/** The feed's first page, shared by every anonymous reader (response cache): tens of kilobytes. */
const largeAnswer: HttpScenario = {
  kind: 'http',
  name: 'large-answer',
  description: 'posts(first: 20) first page, anonymous, repeated (response cache), no Accept-Encoding',
  requests: () => () => ({ body: FEED_FIRST_PAGE }),
};

const largeAnswerBrotli: HttpScenario = {
  ...largeAnswer,
  name: 'large-answer-br',
  description: 'large-answer with Accept-Encoding as browsers send it (brotli chosen); each entry compressed once',
  requests: (ctx) => withHeaders(BROWSER, largeAnswer.requests(ctx)),
};

const largeAnswerGzip: HttpScenario = {
  ...largeAnswer,
  name: 'large-answer-gzip',
  description: 'large-answer with Accept-Encoding: gzip',
  requests: (ctx) => withHeaders({ 'accept-encoding': 'gzip' }, largeAnswer.requests(ctx)),
};

/** Every answer executed and compressed afresh: compression's cost next to a miss's. */
const uncachedFeedBrotli: HttpScenario = {
  ...uncachedFeed,
  name: 'feed-uncached-br',
  description: 'feed-uncached with Accept-Encoding as browsers send it: each answer compressed (brotli) afresh',
  requests: (ctx) => withHeaders(BROWSER, uncachedFeed.requests(ctx)),
};

export const COMPRESSION_SCENARIOS = [smallAnswer, smallAnswerBrowser, largeAnswer, largeAnswerBrotli, largeAnswerGzip, uncachedFeedBrotli];

/** Each compressed scenario and the one it is compared with. */
export const COMPRESSION_PAIRS: [string, string][] = [
  [smallAnswerBrowser.name, smallAnswer.name],
  [largeAnswerBrotli.name, largeAnswer.name],
  [largeAnswerGzip.name, largeAnswer.name],
  [uncachedFeedBrotli.name, uncachedFeed.name],
];
