import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { capturedLogger } from '../helpers/log-lines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { finished, generate } from './jobs-helpers.js';

/** The offline writer (no OpenAI configured) writes the language asked for, or fails the job saying why. */
const { logger, lines } = capturedLogger('warn');

const TOPICS: Record<string, string> = {
  en: 'Remote work productivity',
  es: 'Productividad en el trabajo remoto',
  de: 'Produktivität im Homeoffice',
  fr: 'La productivité en télétravail',
  pt: 'Produtividade no trabalho remoto',
};

const JOB_WITH_POST = `query ($id: ID!) {
  generationJob(id: $id) {
    status failureReason error attempts provider
    post { content analysis { language } }
  }
}`;

interface JobWithPost {
  status: string;
  failureReason: string | null;
  error: string | null;
  attempts: number;
  provider: string;
  post: { content: string; analysis: { language: string } } | null;
}

async function jobWithPost(t: TestApp, token: string, id: string): Promise<JobWithPost> {
  const result = await t.gql<{ generationJob: JobWithPost }>(JOB_WITH_POST, { id }, { token });
  if (!result.data?.generationJob) throw new Error(`generationJob failed: ${JSON.stringify(result.errors)}`);
  return result.data.generationJob;
}

describe('generatePost in the language asked for, with the offline writer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { GENERATION_LOCAL_CHUNK_DELAY_MS: '0', GENERATION_ATTEMPTS: '3' }, app: { logger } });
  });
  afterAll(() => t?.close());

  it('writes each supported language, and the analysis of the saved post detects that language', async () => {
    const user = await t.signUp();
    const asked = Object.entries(TOPICS).flatMap(([language, topic]) => ['PROFESSIONAL', 'CASUAL'].map((tone) => ({ language, topic, tone })));
    const jobs = await Promise.all(asked.map((input) => generate(t, user.token, { ...input, keywords: [], audience: null })));
    await Promise.all(jobs.map((job) => finished(t, user.token, job.id, 60_000)));
    for (const [i, job] of jobs.entries()) {
      const { language, tone } = asked[i]!;
      const done = await jobWithPost(t, user.token, job.id);
      expect(done, `${language} ${tone}`).toMatchObject({ status: 'SUCCEEDED', failureReason: null, error: null, provider: 'local' });
      expect(done.post?.analysis.language, `${language} ${tone}: ${done.post?.content}`).toBe(language);
    }
  }, 90_000);

  it('fails a language it cannot write at once, with UNSUPPORTED_LANGUAGE, no post, no retry and no ERROR log line', async () => {
    const user = await t.signUp();
    const posts = () => t.app.db.prisma.post.count({ where: { author: { email: user.email } } });
    const job = await generate(t, user.token, { language: 'ja' });
    await finished(t, user.token, job.id);
    const failed = await jobWithPost(t, user.token, job.id);
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'UNSUPPORTED_LANGUAGE', attempts: 1, post: null });
    expect(failed.error).toMatch(/cannot write "ja".*en, es, de, fr, pt/);
    expect(await posts()).toBe(0);

    // Upper case and spaces name the same language: accepted, and written.
    const spanish = await generate(t, user.token, { topic: TOPICS.es, language: ' ES ' });
    await finished(t, user.token, spanish.id);
    expect((await jobWithPost(t, user.token, spanish.id)).post?.analysis.language).toBe('es');
    expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});

describe('generatePost in the language asked for, with OpenAI through the real SDK', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    t = await createTestApp({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_MAX_RETRIES: '0', GENERATION_LOCAL_CHUNK_DELAY_MS: '0', GENERATION_CONCURRENCY: '1' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('asks the model for any language, and falls back to the offline writer only for the languages it writes', async () => {
    const user = await t.signUp();
    const japanese = await generate(t, user.token, { topic: 'リモートワーク', language: 'ja' });
    await finished(t, user.token, japanese.id);
    expect(await jobWithPost(t, user.token, japanese.id)).toMatchObject({ status: 'SUCCEEDED', provider: 'openai', failureReason: null });
    const system = fake.requests.at(-1)?.body.messages?.find((m) => m.role === 'system')?.content;
    expect(system).toContain('Write in Japanese (ja)');

    // OpenAI down: the offline writer stands in, in Spanish; for Japanese it cannot, and the job says so.
    fake.enqueue({ kind: 'status', status: 503 });
    const spanish = await generate(t, user.token, { topic: TOPICS.es, language: 'es', keywords: [] });
    await finished(t, user.token, spanish.id);
    const written = await jobWithPost(t, user.token, spanish.id);
    expect(written).toMatchObject({ status: 'SUCCEEDED', provider: 'local' });
    expect(written.post?.analysis.language).toBe('es');

    fake.enqueue({ kind: 'status', status: 503 });
    const refused = await generate(t, user.token, { topic: 'リモートワークの生産性', language: 'ja' });
    await finished(t, user.token, refused.id);
    expect(await jobWithPost(t, user.token, refused.id)).toMatchObject({ status: 'FAILED', failureReason: 'UNSUPPORTED_LANGUAGE', attempts: 1, post: null });
  });
});
