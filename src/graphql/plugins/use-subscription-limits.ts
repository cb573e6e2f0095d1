import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Metrics } from '../../infra/metrics.js';
import type { ServerContext } from '../../server-context.js';

/**
 * At most `perCaller` live subscriptions per caller (a user, or a client address when anonymous)
 * over every WebSocket and Server-Sent Events stream: one client cannot hold the instance's memory
 * with thousands of them. The one over the limit is refused with TOO_MANY_SUBSCRIPTIONS.
 */
export function useSubscriptionLimits(perCaller: number, metrics: Pick<Metrics, 'subscriptionsRefused'>): Plugin<Partial<ServerContext>> {
  const live = new Map<string, number>();
  const change = (key: string, by: number) => {
    const count = (live.get(key) ?? 0) + by;
    if (count > 0) live.set(key, count);
    else live.delete(key);
  };
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const key = (args.contextValue as Partial<ServerContext>).edge?.caller.key;
      if (!key) return;
      if ((live.get(key) ?? 0) >= perCaller) {
        metrics.subscriptionsRefused.inc({ limit: 'caller' });
        const message = `At most ${perCaller} subscriptions may be open at once; complete some first.`;
        setResultAndStopExecution({ errors: [createGraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: perCaller } })] });
        return;
      }
      change(key, 1);
      let counted = true;
      const end = () => {
        if (counted) change(key, -1);
        counted = false;
      };
      return {
        onSubscribeResult: ({ result }) => (isAsyncIterable(result) ? { onEnd: end } : end()),
        onSubscribeError: end,
      };
    },
  };
}
