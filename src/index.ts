import { loadConfigOrExit } from './config.js';

const config = loadConfigOrExit();

// Imported only once the configuration is valid, so a bad deploy fails in milliseconds.
const { createApp } = await import('./app.js');
const app = await createApp(config);
await app.start();

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    app.logger.info({ signal }, 'shutting down');
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
  });
}
