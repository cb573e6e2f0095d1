import { z } from 'zod';
import { bool, int, type ParsedEnv, url } from './parsers.js';

/** The AI writer: the model it calls (none: the offline writer) and how jobs run. */
export const generationEnv = {
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: int(30000, 100, 600000),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  GENERATION_CONCURRENCY: int(4, 1, 100),
  GENERATION_ATTEMPTS: int(3, 1, 20),
  GENERATION_JOB_TIMEOUT_MS: int(120000, 1000, 3600000),
  GENERATION_CACHE_TTL_SECONDS: int(3600, 0, 30 * 24 * 3600),
  GENERATION_BACKOFF_MS: int(2000, 0, 600000),
  GENERATION_RATE_LIMIT_PER_MINUTE: int(20, 1, 100000),
  GENERATION_WORKER_IN_API: bool(true),
  GENERATION_LOCAL_CHUNK_DELAY_MS: int(5, 0, 10000),
  GENERATION_HEARTBEAT_TIMEOUT_MS: int(30000, 1000, 600000),
};

export function generationConfig(e: ParsedEnv<typeof generationEnv>) {
  return {
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          maxRetries: e.OPENAI_MAX_RETRIES,
        }
      : undefined,
    generation: {
      concurrency: e.GENERATION_CONCURRENCY,
      attempts: e.GENERATION_ATTEMPTS,
      jobTimeoutMs: e.GENERATION_JOB_TIMEOUT_MS,
      cacheTtlSeconds: e.GENERATION_CACHE_TTL_SECONDS,
      backoffMs: e.GENERATION_BACKOFF_MS,
      requestsPerMinute: e.GENERATION_RATE_LIMIT_PER_MINUTE,
      workerInApi: e.GENERATION_WORKER_IN_API,
      localChunkDelayMs: e.GENERATION_LOCAL_CHUNK_DELAY_MS,
      /** A RUNNING job whose worker has not renewed its heartbeat for this long is run again (or failed). */
      heartbeatTimeoutMs: e.GENERATION_HEARTBEAT_TIMEOUT_MS,
    },
  };
}
