import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * What a server or worker process does with errors nothing caught. A promise rejected with no
 * handler is a bug to fix, never a reason to stop serving: it is logged and counted
 * (`lpa_unhandled_rejections_total`; an alert watches it) and the process goes on. An uncaught
 * exception leaves the process in an unknown state: it is logged and the process exits, for its
 * supervisor (the cluster primary, Kubernetes, Compose) to start a fresh one.
 */
export function installProcessGuards(logger: Logger, metrics: Pick<Metrics, 'unhandledRejections'>) {
  const onRejection = (reason: unknown) => {
    metrics.unhandledRejections.inc();
    logger.error({ err: reason }, 'unhandled promise rejection');
  };
  const onException = (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    process.exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
