import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_MARKER } from '../../src/modules/generation/image-brief.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { followOverWebSocket, input } from './jobs-helpers.js';

const GENERATE = 'mutation ($input: GeneratePostInput!) { generatePost(input: $input) { id } }';
const JOB = 'query ($id: ID!) { generationJob(id: $id) { status provider cached imageBrief imageAltText content post { content } } }';

interface Job {
  status: string;
  provider: string;
  cached: boolean;
  imageBrief: string | null;
  imageAltText: string | null;
  content: string;
  post: { content: string } | null;
}

async function generated(t: TestApp, token: string, topic: string): Promise<Job> {
  const started = await t.gql<{ generatePost: { id: string } }>(GENERATE, { input: input({ topic }) }, { token });
  expect(started.errors).toBeUndefined();
  const id = started.data!.generatePost.id;
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await t.gql<{ generationJob: Job }>(JOB, { id }, { token })).data!.generationJob;
        return job.status;
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBe('SUCCEEDED');
  return job!;
}

describe('generatePost suggests an image with the post (offline writer)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { GENERATION_LOCAL_CHUNK_DELAY_MS: '1' } });
  });
  afterAll(() => t?.close());

  it('derives a brief and alt text from the topic and the draft, the same for the same request (the cache keeps them)', async () => {
    const topic = `Mentoring junior engineers ${Date.now()}`;
    const first = await generated(t, (await t.signUp()).token, topic);
    expect(first).toMatchObject({ provider: 'local', cached: false });
    expect(first.imageBrief).toContain(`about ${topic}`);
    expect(first.imageBrief).toContain(first.content.split('\n')[0]!.slice(0, 40));
    expect(first.imageAltText).toBe(`A clean, well-lit photo about ${topic}.`);
    const again = await generated(t, (await t.signUp()).token, topic);
    expect(again).toMatchObject({ cached: true, imageBrief: first.imageBrief, imageAltText: first.imageAltText });
  });
});

describe('generatePost suggests an image with the post (OpenAI, against the fake)', () => {
  let fake: FakeOpenAI;
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    t = await createTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url } });
    url = await t.listen();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('asks the model for one and takes it from the answer; the block never reaches the post or the stream', async () => {
    const post =
      'Small releases beat big launches.\n\nWe ship every day now, and incidents got smaller.\n\nHow often does your team ship?\n\n#shipping #devops #teams';
    fake.enqueue({
      kind: 'stream',
      text: `${post}\n${IMAGE_MARKER}\nBrief: A developer pressing a big green deploy button, flat illustration.\nAlt text: Illustration of a developer deploying code.`,
      chunkDelayMs: 5,
    });
    const user = await t.signUp();
    const started = await t.gql<{ generatePost: { id: string } }>(GENERATE, { input: input({ topic: `Shipping ${Date.now()}` }) }, { token: user.token });
    const { done } = followOverWebSocket(url, user.token, started.data!.generatePost.id);
    const { events } = await done;
    const streamed = events.map((event) => event.delta ?? '').join('');
    expect(streamed).not.toContain('<<<');
    expect(streamed).not.toContain('Brief:');
    const job = (await t.gql<{ generationJob: Job }>(JOB, { id: started.data!.generatePost.id }, { token: user.token })).data!.generationJob;
    expect(job).toMatchObject({
      status: 'SUCCEEDED',
      provider: 'openai',
      imageBrief: 'A developer pressing a big green deploy button, flat illustration.',
      imageAltText: 'Illustration of a developer deploying code.',
    });
    expect(job.content).toBe(job.post!.content);
    expect(job.content).not.toContain('IMAGE');
    expect(job.content).toContain('Small releases beat big launches.');
    expect(fake.requests.at(-1)!.body.messages![0]!.content).toContain(IMAGE_MARKER);
  });

  it('a model that leaves the suggestion out still writes the post, with null brief and alt text', async () => {
    const job = await generated(t, (await t.signUp()).token, `No picture ${Date.now()}`);
    expect(job).toMatchObject({ status: 'SUCCEEDED', provider: 'openai', imageBrief: null, imageAltText: null });
    expect(job.post?.content).toContain('Remote work is a skill, not a perk.');
  });
});
