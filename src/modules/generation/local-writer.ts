import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { abortableDelay } from './abortable-delay.js';
import { normalizeRequest } from './generation-request.js';
import { localImageSuggestion } from './image-brief.js';
import { composeLocalPost } from './local-composer.js';
import { LOCAL_WRITER_LANGUAGES, phrasebookFor } from './phrasebooks/phrasebooks.js';
import { PostProcessor } from './postprocess.js';
import { seededRandom } from './seeded-random.js';
import { isAbortError, throwIfAborted, WriterError } from './writer-errors.js';
import type { GenerationRequest, PostWriter, WriteOptions, WrittenPost } from './writer-types.js';

export interface LocalWriterOptions {
  /** Pause between streamed chunks, like a model's token rate. 0 still yields to the event loop. */
  chunkDelayMs?: number;
  metrics?: Metrics;
  logger?: Logger;
}

/** Groups of 1–4 words with their trailing whitespace, so the stream looks like a model's. */
function* wordGroups(text: string, random: () => number): Generator<string> {
  const words = text.match(/\S+\s*/g) ?? [];
  for (let i = 0; i < words.length; ) {
    const size = 1 + Math.floor(random() * 4);
    yield words.slice(i, i + size).join('');
    i += size;
  }
}

const isUnsupportedLanguage = (error: unknown) => error instanceof WriterError && error.reason === 'unsupported_language';

/**
 * The offline writer: composes a post from the phrasebook of the language asked for and streams it
 * through the same post-processing as the model's output. A language without a phrasebook fails with
 * `unsupported_language` rather than getting a post in another language.
 */
export class LocalPostWriter implements PostWriter {
  readonly name = 'local' as const;
  private readonly chunkDelayMs: number;

  constructor(private readonly options: LocalWriterOptions = {}) {
    this.chunkDelayMs = options.chunkDelayMs ?? 5;
  }

  async write(request: GenerationRequest, options: WriteOptions = {}): Promise<WrittenPost> {
    const started = performance.now();
    const metrics = this.options.metrics;
    try {
      throwIfAborted(options.signal);
      const normalized = normalizeRequest(request);
      const phrasebook = phrasebookFor(normalized.language);
      if (!phrasebook) {
        const known = LOCAL_WRITER_LANGUAGES.join(', ');
        throw new WriterError('unsupported_language', `The offline writer cannot write "${normalized.language}"; it writes ${known}.`);
      }
      const processor = new PostProcessor(normalized, (text) => options.onDelta?.(text));
      const random = seededRandom(`chunks:${JSON.stringify(normalized)}`);
      for (const chunk of wordGroups(composeLocalPost(normalized, phrasebook), random)) {
        await abortableDelay(this.chunkDelayMs, options.signal);
        processor.push(chunk);
      }
      const { content, hashtags } = processor.finish();
      metrics?.llmRequests.inc({ provider: 'local', outcome: 'ok' });
      return { provider: 'local', content, hashtags, image: localImageSuggestion(normalized, content) };
    } catch (error) {
      metrics?.llmRequests.inc({ provider: 'local', outcome: isAbortError(error) ? 'cancelled' : 'error' });
      if (!isAbortError(error) && !isUnsupportedLanguage(error)) this.options.logger?.error({ err: error }, 'local writer failed');
      throw error;
    } finally {
      metrics?.llmRequestDuration.observe({ provider: 'local' }, (performance.now() - started) / 1000);
    }
  }
}
