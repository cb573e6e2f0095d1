import { randomUUID } from 'node:crypto';
import { pick } from '../content.js';
import { authHeaders, requestBody } from '../graphql-client.js';
import { ENGAGEMENT_TYPES, RECORD_ENGAGEMENTS } from '../operations.js';
import { recordingAuthors } from './recording-authors.js';
import type { HttpScenario } from './types.js';

const INGEST_BATCH = 500;

/** Authors' clients sending batches of 500 engagement events (unique event ids) for their own posts (see `recordingAuthors`). */
export const ingest: HttpScenario = {
  kind: 'http',
  name: 'ingest-500',
  description: `recordEngagements with batches of ${INGEST_BATCH} events on the caller's own posts`,
  eventsPerRequest: INGEST_BATCH,
  requests: (ctx) => {
    const authors = recordingAuthors(ctx);
    return () => {
      const user = pick(ctx.random, authors);
      const now = Date.now();
      const events = Array.from({ length: INGEST_BATCH }, () => ({
        postId: pick(ctx.random, user.postIds),
        type: pick(ctx.random, ENGAGEMENT_TYPES),
        count: 1,
        at: new Date(now - Math.floor(ctx.random() * 24 * 3600 * 1000)).toISOString(),
        eventId: randomUUID(),
      }));
      return { body: requestBody(RECORD_ENGAGEMENTS, { events }), headers: authHeaders(user.token) };
    };
  },
};
