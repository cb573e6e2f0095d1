import { wsClient } from '../observability/helpers.js';
import type { Instance } from './deployment.js';
import { type Author, request } from './load.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SUBSCRIPTION = 'subscription Watch($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }';
const RECORD = 'mutation Record($id: ID!) { recordEngagement(postId: $id, type: IMPRESSION) { impressions } }';

/**
 * A WebSocket subscriber on one instance to a post's live metrics, kept open through every fault:
 * `roundTrip` records an impression through another instance and waits for it to arrive here, which
 * takes Redis pub/sub (and its subscriptions renewed after an outage).
 */
export function watchLiveMetrics(watched: Instance, author: Author, postId: string) {
  const client = wsClient(watched.base, { authorization: `Bearer ${author.token}` });
  let seen = 0;
  let ended: string | undefined;
  client.subscribe<{ postMetricsUpdated: { impressions: number } }>(
    { query: SUBSCRIPTION, variables: { id: postId } },
    {
      next: (result) => (seen = Math.max(seen, result.data?.postMetricsUpdated.impressions ?? 0)),
      error: (error) => (ended = `error: ${JSON.stringify(error)}`),
      complete: () => (ended = 'completed'),
    },
  );
  return {
    /** Resolves once an impression recorded through `via` reached the subscriber; rejects after `timeoutMs`. */
    async roundTrip(via: Instance, timeoutMs = 10_000) {
      const started = Date.now();
      for (;;) {
        const answer = await request(via.base, RECORD, { id: postId }, author.token);
        const impressions = answer.kind === 'answered' ? (answer.data.recordEngagement.impressions as number) : Infinity;
        // Sent before the subscription was in place, or lost to an outage: record another.
        for (const until = Date.now() + 1000; Date.now() < until && seen < impressions; ) await sleep(20);
        if (seen >= impressions) return;
        if (ended) throw new Error(`the subscription on ${watched.name} ended (${ended})`);
        if (Date.now() - started > timeoutMs)
          throw new Error(`no live event on ${watched.name} for engagement recorded through ${via.name} in ${timeoutMs} ms`);
      }
    },
    close: () => client.dispose(),
  };
}
