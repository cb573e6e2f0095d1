import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { finished, generate } from './jobs-helpers.js';

let t: TestApp;
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_MAX_RETRIES: '0', GENERATION_ATTEMPTS: '1' } });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

describe('GenerationJob.failureReason', () => {
  it('says INTERRUPTED when OpenAI broke off after it had started writing, and stays null on success', async () => {
    const user = await t.signUp();
    // Past the first line, so text has reached subscribers: nothing may silently replace it.
    fake.enqueue({ kind: 'cut', afterChunks: 40 });
    const job = await generate(t, user.token, { topic: 'Cut mid-post' });
    await finished(t, user.token, job.id);
    const read = (id: string) =>
      t.gql<{ generationJob: { status: string; failureReason: string | null; error: string | null } }>(
        'query ($id: ID!) { generationJob(id: $id) { status failureReason error } }',
        { id },
        { token: user.token },
      );
    const failed = (await read(job.id)).data?.generationJob;
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'INTERRUPTED' });
    expect(failed?.error).toMatch(/after it had started writing/);

    const ok = await generate(t, user.token, { topic: 'Not cut' });
    await finished(t, user.token, ok.id);
    expect((await read(ok.id)).data?.generationJob).toMatchObject({ status: 'SUCCEEDED', failureReason: null, error: null });
  });
});
