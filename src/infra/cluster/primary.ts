import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Logger } from '../logger.js';
import { METRICS_REPLY, METRICS_REQUEST, type MetricsReply, PROCESS_READY } from './messages.js';

/** More unexpected exits than this within the window means the processes cannot run: stop trying. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * The primary of WEB_CONCURRENCY server processes sharing one port (node:cluster hands connections
 * round-robin). It serves nothing itself: it starts the first process alone (so migrations run once),
 * then the others; replaces a process that dies; answers the processes' requests for metrics
 * summed over all of them; and on SIGTERM/SIGINT drains every process and exits when they have.
 */
export function runClusterPrimary(config: Config, logger: Logger): void {
  const aggregator = new AggregatorRegistry();
  const exits: number[] = [];
  let stopping = false;
  /** Until every process has started once, an exit fails the start instead of being replaced. */
  let started = false;

  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork();
      worker.on('message', (message: { type?: string }) => message?.type === PROCESS_READY && resolve(worker));
      worker.once('exit', (code) => reject(new Error(`server process exited with ${code} while starting`)));
    });

  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REPLY, id: message.id, text } satisfies MetricsReply),
      (error: Error) => worker.send({ type: METRICS_REPLY, id: message.id, error: error.message } satisfies MetricsReply),
    );
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || !started) return;
    const now = Date.now();
    exits.push(now);
    while (exits.length && exits[0]! < now - RESTART_WINDOW_MS) exits.shift();
    if (exits.length > MAX_RESTARTS) {
      logger.fatal({ exits: exits.length, windowMs: RESTART_WINDOW_MS }, 'server processes keep exiting; stopping');
      void stop(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'server process exited; starting another');
    fork().catch((error: unknown) => logger.error({ err: error }, 'could not replace a server process'));
  });

  async function stop(exitCode: number) {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    setTimeout(() => {
      logger.error({ timeoutMs: config.http.shutdownTimeoutMs }, 'server processes did not stop in time');
      for (const worker of alive) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.http.shutdownTimeoutMs + 2_000).unref();
    const codes = await Promise.all(
      alive.map(
        (worker) =>
          new Promise<number>((resolve) => {
            worker.once('exit', (code) => resolve(code ?? 1));
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(codes.some((code) => code !== 0) ? 1 : exitCode);
  }

  let signals = 0;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (++signals > 1) process.exit(1);
      logger.info({ signal, processes: Object.keys(cluster.workers ?? {}).length }, 'shutting down server processes');
      void stop(0);
    });
  }

  void (async () => {
    try {
      await fork();
      await Promise.all(Array.from({ length: config.http.processes - 1 }, fork));
      started = true;
      logger.info({ processes: config.http.processes, port: config.port }, 'all server processes ready');
    } catch (error) {
      logger.fatal({ err: error }, 'server processes failed to start');
      await stop(1);
    }
  })();
}
