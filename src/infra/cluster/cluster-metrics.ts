import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { METRICS_REPLY, METRICS_REQUEST, type MetricsReply } from './messages.js';

const REPLY_TIMEOUT_MS = 6_000;

/**
 * What /metrics answers. In one process, its own registry. In a server process of a cluster, the
 * metrics of every process summed by the primary (any process may receive the scrape), so counters
 * like requests and SQL statements add up to the instance's totals.
 */
export function metricsSource(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics();
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs this process's answer to the primary's requests (prom-client 15).
  new AggregatorRegistry();
  const waiting = new Map<number, (reply: MetricsReply) => void>();
  let next = 0;
  process.on('message', (message: MetricsReply) => {
    if (message?.type === METRICS_REPLY && message.id !== undefined) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the cluster primary did not answer with metrics'));
      }, REPLY_TIMEOUT_MS);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        waiting.delete(id);
        if ('text' in reply) resolve(reply.text);
        else reject(new Error(reply.error));
      });
      process.send!({ type: METRICS_REQUEST, id });
    });
}
