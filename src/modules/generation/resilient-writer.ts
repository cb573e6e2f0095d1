import CircuitBreaker from 'opossum';
import type { Config } from '../../config.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { LocalPostWriter } from './local-writer.js';
import { OpenAIPostWriter } from './openai-writer.js';
import { isAbortError, WriterError } from './writer-errors.js';
import type { GenerationRequest, PostWriter, WriteOptions, WrittenPost } from './writer-types.js';

export interface BreakerOptions {
  /** Failure percentage over the rolling window that opens the breaker. */
  errorThresholdPercentage?: number;
  /** Calls in the window before the percentage is judged. */
  volumeThreshold?: number;
  /** How long the breaker stays open before one trial call (half-open). */
  resetTimeoutMs?: number;
  rollingWindowMs?: number;
}

export interface PostWriterDeps {
  logger?: Logger;
  metrics?: Metrics;
  localChunkDelayMs?: number;
  breaker?: BreakerOptions;
}

const BREAKER_STATE = { closed: 0, halfOpen: 1, open: 2 } as const;

/**
 * OpenAI behind a circuit breaker, with the local writer as the fallback.
 *
 * - Breaker open, or OpenAI failing before any text was streamed (timeout, 429/5xx after the SDK's
 *   retries, broken connection): the local writer writes the post; `provider` says so.
 * - OpenAI failing after text was streamed: rejects with WriterError('interrupted') instead of
 *   falling back, because subscribers already hold the first part; the job may retry from scratch.
 * - The caller's cancel rejects with AbortError and does not count as a breaker failure.
 * The breaker's own timeout is off: the OpenAI writer enforces timeouts by aborting the request,
 * which a breaker timeout could not do.
 */
export class ResilientPostWriter implements PostWriter {
  readonly name = 'openai' as const;
  readonly breaker: CircuitBreaker<[GenerationRequest, WriteOptions], WrittenPost>;

  constructor(
    primary: PostWriter,
    private readonly fallback: PostWriter,
    private readonly deps: Pick<PostWriterDeps, 'logger' | 'metrics' | 'breaker'> = {},
  ) {
    const options = deps.breaker ?? {};
    this.breaker = new CircuitBreaker((request: GenerationRequest, writeOptions: WriteOptions) => primary.write(request, writeOptions), {
      name: 'openai',
      timeout: false,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.volumeThreshold ?? 5,
      resetTimeout: options.resetTimeoutMs ?? 30_000,
      rollingCountTimeout: options.rollingWindowMs ?? 60_000,
      errorFilter: (error: unknown) => isAbortError(error),
    });
    const gauge = deps.metrics?.llmBreakerState;
    gauge?.set({ provider: 'openai' }, BREAKER_STATE.closed);
    const report = (state: keyof typeof BREAKER_STATE) => () => {
      gauge?.set({ provider: 'openai' }, BREAKER_STATE[state]);
      deps.logger?.warn({ breaker: 'openai', state }, 'AI writer circuit breaker changed state');
    };
    this.breaker.on('open', report('open'));
    this.breaker.on('halfOpen', report('halfOpen'));
    this.breaker.on('close', report('closed'));
  }

  async write(request: GenerationRequest, options: WriteOptions = {}): Promise<WrittenPost> {
    let streamed = false;
    const tracked: WriteOptions = {
      ...options,
      onDelta: (text) => {
        streamed = true;
        options.onDelta?.(text);
      },
    };
    try {
      return await this.breaker.fire(request, tracked);
    } catch (error) {
      if (isAbortError(error)) throw error;
      if (streamed) {
        throw new WriterError('interrupted', `The AI writer failed after it had started writing: ${(error as Error).message}`, { cause: error });
      }
      this.deps.logger?.warn({ err: error, breaker: this.breaker.opened ? 'open' : 'closed' }, 'OpenAI unavailable, the local writer takes over');
      return this.fallback.write(request, options);
    }
  }
}

/** The writer the application uses: OpenAI with fallback when configured, the local writer otherwise. */
export function createPostWriter(config: Config['openai'], deps: PostWriterDeps = {}): PostWriter {
  const local = new LocalPostWriter({ chunkDelayMs: deps.localChunkDelayMs, metrics: deps.metrics, logger: deps.logger });
  if (!config) return local;
  return new ResilientPostWriter(new OpenAIPostWriter(config, deps), local, deps);
}
