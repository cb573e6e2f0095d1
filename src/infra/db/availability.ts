import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** How often a process that lost PostgreSQL checks whether it is back, when no request does. */
const PROBE_INTERVAL_MS = 1000;

export interface DatabaseAvailability {
  /** False from the first connection PostgreSQL refused (or let time out) until one succeeds again. */
  readonly up: boolean;
  /** A connection was made (or a pooled one handed out). */
  connected(): void;
  /** A connection could not be made; only errors that mean PostgreSQL is unreachable count. */
  failed(error: unknown): void;
  close(): void;
}

/**
 * Whether this process can reach PostgreSQL, from the outcome of every connection the pool hands
 * out. An outage is logged once when it starts and once when it ends, however many requests it
 * fails; `lpa_database_up` shows it and `lpa_database_outages_total` counts them. While down, a
 * probe connects every second, so an idle process notices the return too.
 */
export function createDatabaseAvailability(
  logger: Logger,
  probe: () => Promise<void>,
  metrics?: Pick<Metrics, 'databaseUp' | 'databaseOutages'>,
): DatabaseAvailability {
  let downSince: number | undefined;
  let probing: NodeJS.Timeout | undefined;
  metrics?.databaseUp.set(1);

  return {
    get up() {
      return downSince === undefined;
    },
    connected() {
      if (downSince === undefined) return;
      logger.info({ downMs: Date.now() - downSince }, 'PostgreSQL reachable again');
      downSince = undefined;
      clearInterval(probing);
      metrics?.databaseUp.set(1);
    },
    failed(error) {
      if (downSince !== undefined || !isDatabaseUnavailable(error)) return;
      downSince = Date.now();
      metrics?.databaseUp.set(0);
      metrics?.databaseOutages.inc();
      logger.warn({ err: error }, 'PostgreSQL unreachable: requests needing the database answer SERVICE_UNAVAILABLE, readiness fails');
      probing = setInterval(() => void probe().catch(() => undefined), PROBE_INTERVAL_MS).unref();
    },
    close() {
      clearInterval(probing);
    },
  };
}
