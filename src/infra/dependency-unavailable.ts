import { isDatabaseUnavailable } from './db/unavailable.js';
import { QueueUnavailableError } from './queue/job-queue.js';

/** ioredis while its connection is down: after its retry, with the offline queue off, or past a command timeout. */
const REDIS_MESSAGES = /^(Reached the max retries per request limit|Connection is closed|Stream isn't writeable|Command timed out)/;

function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(error.message);
}

/**
 * Whether an error means a dependency (PostgreSQL, Redis, the queue on it) cannot be reached right
 * now, which a client answers by retrying shortly, as opposed to a bug or bad data.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return error instanceof QueueUnavailableError || isRedisUnavailable(error) || isDatabaseUnavailable(error);
}
