import cluster from 'node:cluster';
import { type Config, loadConfigOrExit } from './config.js';
import { PROCESS_READY } from './infra/cluster/messages.js';

const config = loadConfigOrExit();

if (config.http.processes > 1 && cluster.isPrimary) {
  const { createLogger } = await import('./infra/logger.js');
  const { runClusterPrimary } = await import('./infra/cluster/primary.js');
  runClusterPrimary(config, createLogger(config.log));
} else {
  await serve(config);
}

async function serve(config: Config) {
  if (config.database.url) (await import('./infra/db/wasm-tier.js')).keepWebAssemblyOnBaselineTier();
  // Imported only once the configuration is valid, so a bad deploy fails in milliseconds.
  const [{ createApp }, { installProcessGuards }] = await Promise.all([import('./app.js'), import('./infra/process-guards.js')]);
  const app = await createApp(config);
  installProcessGuards(app.logger, app.metrics);
  await app.start();
  if (cluster.isWorker) process.send!({ type: PROCESS_READY });

  let stopping = false;
  const shutdown = (cause: { signal: NodeJS.Signals } | { reason: string }) => {
    app.logger.info(cause, 'shutting down');
    setTimeout(() => {
      app.logger.error({ timeoutMs: config.http.shutdownTimeoutMs }, 'shutdown did not finish in time');
      process.exit(1);
    }, config.http.shutdownTimeoutMs).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // A second signal forces the exit; in a cluster the primary's SIGTERM may follow a terminal's SIGINT, which is not one.
      if (stopping) {
        if (!cluster.isWorker) process.exit(1);
        return;
      }
      stopping = true;
      shutdown({ signal });
    });
  }
  // A server process whose primary is gone drains and exits rather than serving on unsupervised.
  if (cluster.isWorker) {
    process.once('disconnect', () => {
      if (stopping) return;
      stopping = true;
      shutdown({ reason: 'cluster primary gone' });
    });
  }
}
