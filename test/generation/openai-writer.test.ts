import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalPostWriter } from '../../src/modules/generation/local-writer.js';
import { type OpenAIConfig, OpenAIPostWriter } from '../../src/modules/generation/openai-writer.js';
import { createPostWriter, ResilientPostWriter } from '../../src/modules/generation/resilient-writer.js';
import { WriterError } from '../../src/modules/generation/writer-errors.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { linkedInProblems, metricValue, request, testMetrics } from './helpers.js';

let fake: FakeOpenAI;
const config = (overrides: Partial<OpenAIConfig> = {}): OpenAIConfig => ({
  apiKey: 'sk-test-key',
  baseURL: fake.url,
  model: 'gpt-test',
  timeoutMs: 2000,
  maxRetries: 2,
  ...overrides,
});

beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

describe('OpenAI writer over HTTP', () => {
  it('streams a post in many deltas whose concatenation is the repaired content, and records usage', async () => {
    const metrics = testMetrics();
    const writer = new OpenAIPostWriter(config(), { metrics });
    const deltas: string[] = [];
    const post = await writer.write(request(), { onDelta: (d) => deltas.push(d) });

    expect(post.provider).toBe('openai');
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(deltas.join('')).toBe(post.content);
    expect(linkedInProblems(post.content, post.hashtags)).toEqual([]);
    expect(post.content.startsWith('Remote work is a skill, not a perk.\n\n')).toBe(true);
    expect(post.content).toContain('• Decisions live in short written docs');
    expect(post.hashtags).toEqual(['asynccommunication', 'deepwork', 'remotework', 'asyncwork', 'productivity']);
    expect(post.usage).toEqual({ promptTokens: fake.usage.prompt_tokens, completionTokens: fake.usage.completion_tokens });
    expect(await metricValue(metrics.llmTokens, { provider: 'openai', kind: 'completion' })).toBe(fake.usage.completion_tokens);
    expect(await metricValue(metrics.llmRequests, { provider: 'openai', outcome: 'ok' })).toBe(1);

    const [sent] = fake.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test-key');
    expect(sent?.body).toMatchObject({ model: 'gpt-test', stream: true, stream_options: { include_usage: true } });
    const [system, user] = sent?.body.messages ?? [];
    expect(system?.content).toContain('No markdown');
    expect(system?.content).toContain('210 characters');
    expect(system?.content).toContain('Write in English');
    expect(user?.content).toContain('Remote work productivity');
    expect(user?.content).toContain('engineering managers');
    expect(user?.content).toContain('async communication, deep work');
  });

  it('asks the model for the language of the request, by name and code', async () => {
    const writer = new OpenAIPostWriter(config());
    await writer.write(request({ language: 'es', topic: 'Productividad en el trabajo remoto' }));
    await writer.write(request({ language: 'JA ' }));
    const [spanish, japanese] = fake.requests.map((sent) => sent.body.messages?.find((m) => m.role === 'system')?.content ?? '');
    expect(spanish).toContain('Write in Spanish (es)');
    expect(spanish).not.toContain('English');
    expect(japanese).toContain('Write in Japanese (ja)');
  });

  it('retries a 429 after the Retry-After the server asked for', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfter: '1' });
    const post = await new OpenAIPostWriter(config()).write(request());

    expect(post.provider).toBe('openai');
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.headers['x-stainless-retry-count']).toBe('1');
  });

  it('retries a 500 and then succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 500 });
    const post = await new OpenAIPostWriter(config()).write(request());
    expect(post.provider).toBe('openai');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a stalled stream as a timeout', async () => {
    fake.enqueue({ kind: 'stall', afterChunks: 60 });
    const metrics = testMetrics();
    const error = await new OpenAIPostWriter(config({ timeoutMs: 300 }), { metrics }).write(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriterError);
    expect((error as WriterError).reason).toBe('timeout');
    expect(await metricValue(metrics.llmRequests, { provider: 'openai', outcome: 'timeout' })).toBe(1);
  });

  it('cancelling mid-stream rejects with AbortError and closes the HTTP connection', async () => {
    fake.enqueue({ kind: 'stream', chunkDelayMs: 15 });
    const metrics = testMetrics();
    const controller = new AbortController();
    let deltas = 0;
    const writing = new OpenAIPostWriter(config(), { metrics }).write(request(), {
      signal: controller.signal,
      onDelta: () => {
        if (++deltas === 3) controller.abort();
      },
    });
    await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    await fake.requests[0]!.closed;
    expect(fake.requests[0]!.clientAborted()).toBe(true);
    expect(await metricValue(metrics.llmRequests, { provider: 'openai', outcome: 'cancelled' })).toBe(1);
  });

  it('cancelling during a Retry-After wait rejects at once', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfter: '60' });
    const controller = new AbortController();
    const writing = new OpenAIPostWriter(config()).write(request(), { signal: controller.signal });
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('resilient writer', () => {
  it('opens the breaker after repeated 500s and lets the local writer write', async () => {
    const metrics = testMetrics();
    fake.enqueue(...Array.from({ length: 20 }, () => ({ kind: 'status' as const, status: 500 })));
    const writer = createPostWriter(config({ maxRetries: 0 }), {
      metrics,
      localChunkDelayMs: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
    });
    for (let i = 0; i < 3; i++) {
      const post = await writer.write(request());
      expect(post.provider).toBe('local');
    }
    expect(await metricValue(metrics.llmBreakerState, { provider: 'openai' })).toBe(2);
    const seen = fake.requests.length;
    const deltas: string[] = [];
    const post = await writer.write(request(), { onDelta: (d) => deltas.push(d) });
    expect(post.provider).toBe('local');
    expect(deltas.join('')).toBe(post.content);
    expect(fake.requests).toHaveLength(seen);
    expect(await metricValue(metrics.llmRequests, { provider: 'openai', outcome: 'error' })).toBe(seen);
  });

  it('counts a hang past the timeout and falls back to the local writer', async () => {
    fake.enqueue({ kind: 'hang' });
    const metrics = testMetrics();
    const post = await createPostWriter(config({ timeoutMs: 300, maxRetries: 0 }), { metrics, localChunkDelayMs: 0 }).write(request());
    expect(post.provider).toBe('local');
    expect(await metricValue(metrics.llmRequests, { provider: 'openai', outcome: 'timeout' })).toBe(1);
    expect(linkedInProblems(post.content, post.hashtags)).toEqual([]);
  });

  it('falls back when the stream is cut before any text reached the caller', async () => {
    fake.enqueue({ kind: 'cut', afterChunks: 3 });
    const deltas: string[] = [];
    const post = await createPostWriter(config({ maxRetries: 0 }), { localChunkDelayMs: 0 }).write(request(), { onDelta: (d) => deltas.push(d) });
    expect(post.provider).toBe('local');
    expect(deltas.join('')).toBe(post.content);
  });

  it('fails clearly when the stream is cut after text was streamed', async () => {
    fake.enqueue({ kind: 'cut', afterChunks: 100 });
    const deltas: string[] = [];
    const error = await createPostWriter(config({ maxRetries: 0 }), { localChunkDelayMs: 0 })
      .write(request(), { onDelta: (d) => deltas.push(d) })
      .catch((e: unknown) => e);
    expect(deltas.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(WriterError);
    expect((error as WriterError).reason).toBe('interrupted');
  });

  it('does not count cancels as breaker failures', async () => {
    const writer = new ResilientPostWriter(new OpenAIPostWriter(config()), new LocalPostWriter({ chunkDelayMs: 0 }), {
      breaker: { volumeThreshold: 1, errorThresholdPercentage: 1 },
    });
    for (let i = 0; i < 3; i++) {
      fake.enqueue({ kind: 'stream', chunkDelayMs: 10 });
      const controller = new AbortController();
      const writing = writer.write(request(), { signal: controller.signal, onDelta: () => controller.abort() });
      await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    }
    expect(writer.breaker.opened).toBe(false);
    expect((await writer.write(request())).provider).toBe('openai');
  });

  it('uses the local writer when OpenAI is not configured', async () => {
    const writer = createPostWriter(undefined, { localChunkDelayMs: 0 });
    expect(writer.name).toBe('local');
    expect((await writer.write(request())).provider).toBe('local');
    expect(fake.requests).toHaveLength(0);
  });
});
