import OpenAI from 'openai';
import type { Config } from '../../config.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { normalizeRequest } from './generation-request.js';
import { ImageBlockSplitter } from './image-brief.js';
import { PostProcessor } from './postprocess.js';
import { buildPromptMessages } from './prompts.js';
import { abortError, isAbortError, WriterError } from './writer-errors.js';
import type { GenerationRequest, PostWriter, WriteOptions, WrittenPost } from './writer-types.js';

export type OpenAIConfig = NonNullable<Config['openai']>;
type Outcome = 'ok' | 'error' | 'timeout' | 'rate_limited' | 'cancelled';

export interface OpenAIWriterDeps {
  metrics?: Metrics;
  logger?: Logger;
}

/** Turns SDK and network failures into WriterErrors; aborts stay AbortErrors. */
function classify(error: unknown, signal: AbortSignal | undefined): Error {
  if (signal?.aborted || isAbortError(error)) return abortError();
  if (error instanceof WriterError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new WriterError('timeout', 'OpenAI did not answer in time.', { cause: error });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new WriterError('rate_limited', 'OpenAI is rate limiting requests; retries were exhausted.', { cause: error });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return new WriterError('provider_error', `OpenAI answered with HTTP ${error.status}.`, { cause: error });
  }
  return new WriterError('interrupted', 'The connection to OpenAI broke before the post was complete.', { cause: error });
}

const outcomeOf = (error: Error): Outcome =>
  isAbortError(error) ? 'cancelled' : error instanceof WriterError && (error.reason === 'timeout' || error.reason === 'rate_limited') ? error.reason : 'error';

/**
 * Streams a post from a chat-completions model. The SDK retries 408/409/429/5xx and connection
 * failures itself (honouring Retry-After / retry-after-ms) up to `maxRetries`, with `timeoutMs` per
 * attempt until the response starts; once streaming, a gap of `timeoutMs` between chunks aborts the
 * request as a timeout. Cancelling `signal` aborts the HTTP request at once, even during a retry wait.
 */
export class OpenAIPostWriter implements PostWriter {
  readonly name = 'openai' as const;
  private readonly client: OpenAI;

  constructor(
    private readonly config: OpenAIConfig,
    private readonly deps: OpenAIWriterDeps = {},
  ) {
    this.client = new OpenAI({
      apiKey: config.apiKey,
      baseURL: config.baseURL,
      timeout: config.timeoutMs,
      maxRetries: config.maxRetries,
    });
  }

  async write(request: GenerationRequest, options: WriteOptions = {}): Promise<WrittenPost> {
    const { metrics } = this.deps;
    const started = performance.now();
    try {
      const post = await this.stream(request, options);
      metrics?.llmRequests.inc({ provider: 'openai', outcome: 'ok' });
      if (post.usage) {
        metrics?.llmTokens.inc({ provider: 'openai', kind: 'prompt' }, post.usage.promptTokens);
        metrics?.llmTokens.inc({ provider: 'openai', kind: 'completion' }, post.usage.completionTokens);
      }
      return post;
    } catch (raw) {
      const error = classify(raw, options.signal);
      metrics?.llmRequests.inc({ provider: 'openai', outcome: outcomeOf(error) });
      if (!isAbortError(error)) this.deps.logger?.warn({ err: error, cause: (error as Error).cause }, 'OpenAI writer failed');
      throw error;
    } finally {
      metrics?.llmRequestDuration.observe({ provider: 'openai' }, (performance.now() - started) / 1000);
    }
  }

  private async stream(request: GenerationRequest, options: WriteOptions): Promise<WrittenPost> {
    const normalized = normalizeRequest(request);
    const controller = new AbortController();
    let stalled = false;
    let idle: NodeJS.Timeout | undefined;
    const armIdleTimer = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, this.config.timeoutMs);
    };
    let rejectOnAbort: (error: Error) => void = () => {};
    const aborted = new Promise<never>((_, reject) => (rejectOnAbort = reject));
    aborted.catch(() => {});
    const onAbort = () => {
      controller.abort();
      rejectOnAbort(abortError());
    };
    if (options.signal?.aborted) throw abortError();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const processor = new PostProcessor(normalized, (text) => options.onDelta?.(text));
      // The image suggestion follows the post in the same answer; it never reaches the post's stream.
      const splitter = new ImageBlockSplitter((text) => processor.push(text));
      const stream = await Promise.race([
        this.client.chat.completions.create(
          {
            model: this.config.model,
            messages: buildPromptMessages(normalized),
            stream: true,
            stream_options: { include_usage: true },
            temperature: 0.8,
            max_completion_tokens: Math.ceil(normalized.maxLength / 2) + 200,
          },
          { signal: controller.signal },
        ),
        aborted,
      ]);
      let finished = false;
      let usage: WrittenPost['usage'];
      armIdleTimer();
      for await (const chunk of stream) {
        armIdleTimer();
        const choice = chunk.choices[0];
        if (choice?.delta?.content) splitter.push(choice.delta.content);
        if (choice?.finish_reason) finished = true;
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
      // The SDK ends the iteration quietly when the request is aborted, so the cause is checked here.
      if (options.signal?.aborted) throw abortError();
      if (stalled) throw new WriterError('timeout', `OpenAI stopped streaming for ${this.config.timeoutMs} ms.`);
      if (!finished) throw new WriterError('interrupted', 'The OpenAI stream ended before the post was complete.');
      const image = splitter.finish();
      const { content, hashtags } = processor.finish();
      return { provider: 'openai', content, hashtags, image, ...(usage ? { usage } : {}) };
    } finally {
      clearTimeout(idle);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}
