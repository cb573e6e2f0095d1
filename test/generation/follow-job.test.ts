import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import type { GenerationJob } from '../../src/generated/prisma/client.js';
import { createJobFollower } from '../../src/modules/generation/follow-job.js';
import type { GenerationEvent, GenerationProgressMessage } from '../../src/modules/generation/generation-progress.js';

const JOB_ID = 'job-1';
/** Long enough for the follower to see that the subscriber is not taking its events. */
const busy = () => new Promise((resolve) => setTimeout(resolve, 20));

const row = (overrides: Partial<GenerationJob>): GenerationJob => ({
  id: JOB_ID,
  userId: 'user-1',
  workspaceId: 'workspace-1',
  status: 'QUEUED',
  progress: 0,
  topic: 'Coalescing',
  tone: 'PROFESSIONAL',
  input: {},
  provider: 'openai',
  cached: false,
  output: '',
  imageBrief: null,
  imageAltText: null,
  postId: null,
  error: null,
  failureReason: null,
  attempts: 0,
  createdAt: new Date(0),
  startedAt: null,
  heartbeatAt: null,
  finishedAt: null,
  ...overrides,
});

const running = (offset: number, delta: string): GenerationProgressMessage => ({
  status: 'RUNNING',
  progress: (offset + delta.length) / 100,
  offset,
  delta,
  restarted: false,
  final: false,
});

type Topics = { 'generation:progress': [jobId: string, message: GenerationProgressMessage] };

/**
 * Jobs followed through the in-process pub/sub; `stored` is what the row holds when it is read again,
 * `loadInitial` what a feed reads first.
 */
function follower(
  stored: () => GenerationJob,
  loadInitial: (publish: (message: GenerationProgressMessage) => void) => Promise<GenerationJob> = async () => row({}),
) {
  const pubsub = createPubSub<Topics>();
  const publish = (message: GenerationProgressMessage) => pubsub.publish('generation:progress', JOB_ID, message);
  const listened = { count: 0 };
  const jobs = createJobFollower({
    loadInitial: () => loadInitial(publish),
    load: async () => stored(),
    messages: (jobId) => {
      listened.count++;
      return pubsub.subscribe('generation:progress', jobId);
    },
    flushWaitMs: 1,
  });
  return { jobs, publish, listened };
}

/** One subscriber of the job. */
async function follow(stored: () => GenerationJob, loadInitial?: (publish: (message: GenerationProgressMessage) => void) => Promise<GenerationJob>) {
  const { jobs, publish } = follower(stored, loadInitial);
  return { events: await jobs.follow(JOB_ID), publish };
}

const joined = (events: GenerationEvent[]) => events.reduce((text, event) => (event.restarted ? (event.delta ?? '') : text + (event.delta ?? '')), '');

/**
 * The deltas one subscriber receives when `words` and the final message are published at once, while
 * it reads with `afterEach` between its events.
 */
async function burstDeltas(words: string[], afterEach: () => Promise<void> = async () => {}) {
  const { events, publish } = await follow(() => row({ status: 'SUCCEEDED', progress: 1, output: words.join('') }));
  const received: (string | null)[] = [];
  const reading = (async () => {
    for await (const event of events) {
      received.push(event.delta);
      await afterEach();
    }
  })();
  await busy();
  let offset = 0;
  for (const word of words) {
    publish(running(offset, word));
    offset += word.length;
  }
  publish({ status: 'SUCCEEDED', progress: 1, offset, delta: null, restarted: false, final: true });
  await reading;
  return received;
}

describe('followJob', () => {
  it('gives a subscriber that keeps up one event per message', async () => {
    const words = ['One', ' two', ' three'];
    const { events, publish } = await follow(() => row({ status: 'SUCCEEDED', progress: 1, output: words.join('') }));
    const received: GenerationEvent[] = [(await events.next()).value!];
    let offset = 0;
    for (const word of words) {
      const next = events.next();
      publish(running(offset, word));
      offset += word.length;
      received.push((await next).value!);
    }
    const last = events.next();
    publish({ status: 'SUCCEEDED', progress: 1, offset, delta: null, restarted: false, final: true });
    received.push((await last).value!);

    expect(received.map((e) => [e.job.status, e.delta])).toEqual([
      ['QUEUED', null],
      ['RUNNING', 'One'],
      ['RUNNING', ' two'],
      ['RUNNING', ' three'],
      ['SUCCEEDED', null],
    ]);
    expect((await events.next()).done).toBe(true);
  });

  it('gives a subscriber that keeps up one event per message of a burst that arrives at once', async () => {
    const words = ['A', ' burst', ' of', ' five', ' words'];
    expect(await burstDeltas(words)).toEqual([null, ...words, null]);
  });

  it('waits for a subscriber that keeps up to finish sending (within the turn) before it reads the next message of a burst', async () => {
    const words = ['Each', ' word', ' its', ' own', ' event'];
    // Like a socket write whose callback comes back on the next tick.
    const sent = () => new Promise<void>((resolve) => process.nextTick(resolve));
    expect(await burstDeltas(words, sent)).toEqual([null, ...words, null]);
  });

  it('folds what arrives while the subscriber is still sending into one event, and the final state still arrives', async () => {
    const text = Array.from({ length: 200 }, (_, i) => ` w${i}`).join('');
    const { events, publish } = await follow(() => row({ status: 'SUCCEEDED', progress: 1, output: text }));
    const received: GenerationEvent[] = [(await events.next()).value!];
    publish({ status: 'RUNNING', progress: 0, offset: 0, delta: null, restarted: false, final: false });
    received.push((await events.next()).value!);

    // The subscriber is busy (its socket is backed up) while 100 messages arrive.
    for (let offset = 0, i = 0; i < 100; i++) {
      const word = ` w${i}`;
      publish(running(offset, word));
      offset += word.length;
    }
    await busy();
    received.push((await events.next()).value!);
    for (let offset = received.at(-1)!.job.output.length, i = 100; i < 200; i++) {
      const word = ` w${i}`;
      publish(running(offset, word));
      offset += word.length;
    }
    publish({ status: 'SUCCEEDED', progress: 1, offset: text.length, delta: null, restarted: false, final: true });
    await busy();
    for (let next = await events.next(); !next.done; next = await events.next()) received.push(next.value);

    expect(received.map((e) => e.job.status)).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    expect(received[2]!.delta).toBe(text.slice(0, received[2]!.job.output.length));
    expect(received[2]!.job.output.length).toBeGreaterThan(100);
    expect(received.at(-1)!.job).toMatchObject({ status: 'SUCCEEDED', progress: 1, output: text });
    expect(joined(received)).toBe(text);
  });

  it('keeps a restart that was folded with later text, so the joined deltas are the new text only', async () => {
    const { events, publish } = await follow(() => row({ status: 'SUCCEEDED', progress: 1, output: 'Second take, longer' }));
    const received: GenerationEvent[] = [(await events.next()).value!];
    publish(running(0, 'First take'));
    received.push((await events.next()).value!);
    publish(running(10, ' that failed'));
    publish({ status: 'RUNNING', progress: 0, offset: 0, delta: 'Second take', restarted: true, final: false });
    publish(running(11, ', longer'));
    await busy();
    received.push((await events.next()).value!);

    expect(received.at(-1)).toMatchObject({ delta: 'Second take, longer', restarted: true });
    publish({ status: 'SUCCEEDED', progress: 1, offset: 19, delta: null, restarted: false, final: true });
    received.push((await events.next()).value!);
    expect(received.at(-1)).toMatchObject({ delta: null, restarted: false, job: { status: 'SUCCEEDED' } });
    expect(joined(received)).toBe('Second take, longer');
  });

  it('keeps the final message published while the first state loads', async () => {
    const { events } = await follow(
      () => row({ status: 'SUCCEEDED', progress: 1, output: 'Done.' }),
      async (publish) => {
        publish({ status: 'SUCCEEDED', progress: 1, offset: 5, delta: null, restarted: false, final: true });
        return row({ status: 'RUNNING' });
      },
    );
    const received: GenerationEvent[] = [];
    for await (const event of events) received.push(event);
    expect(received.at(-1)).toMatchObject({ job: { status: 'SUCCEEDED' } });
    expect(joined(received)).toBe('Done.');
  });

  it('stops listening when the subscriber leaves before its first event', async () => {
    const pubsub = createPubSub<Topics>();
    const messages = pubsub.subscribe('generation:progress', JOB_ID);
    const jobs = createJobFollower({ loadInitial: async () => row({ status: 'RUNNING' }), load: async () => null, messages: () => messages, flushWaitMs: 1 });
    const events = await jobs.follow(JOB_ID);
    await events.return?.();
    expect(await messages.next()).toEqual({ done: true, value: undefined });
    expect(jobs.feedCount()).toBe(0);
  });

  it('rejects the subscribers of a feed whose first load fails, and the next subscriber opens a new feed', async () => {
    const pubsub = createPubSub<Topics>();
    let loads = 0;
    const jobs = createJobFollower({
      loadInitial: (() => {
        if (++loads === 1) throw new Error('database unreachable');
        return Promise.resolve(row({ status: 'RUNNING' }));
      }) as () => Promise<GenerationJob>,
      load: async () => null,
      messages: (jobId) => pubsub.subscribe('generation:progress', jobId),
      flushWaitMs: 1,
    });
    await expect(jobs.follow(JOB_ID)).rejects.toThrow('database unreachable');
    expect(jobs.feedCount()).toBe(0);

    const events = await jobs.follow(JOB_ID);
    expect((await events.next()).value).toMatchObject({ job: { status: 'RUNNING' } });
    await events.return?.();
  });

  it('reads each message once for every subscriber of the job, and gives those who keep up the same event', async () => {
    const { jobs, publish, listened } = follower(() => row({ status: 'RUNNING', output: 'Hi there' }));
    const subscribers = await Promise.all([jobs.follow(JOB_ID), jobs.follow(JOB_ID), jobs.follow(JOB_ID)]);
    const first = await Promise.all(subscribers.map((s) => s.next()));
    const next = Promise.all(subscribers.map((s) => s.next()));
    await busy();
    publish(running(0, 'Hi'));
    const second = await next;

    expect(listened.count).toBe(1);
    expect(new Set(first.map((r) => r.value)).size).toBe(1);
    expect(new Set(second.map((r) => r.value)).size).toBe(1);
    expect(second[0]!.value).toMatchObject({ delta: 'Hi', restarted: false, job: { status: 'RUNNING', output: 'Hi' } });
    await Promise.all(subscribers.map((s) => s.return?.()));
    expect(jobs.feedCount()).toBe(0);
  });

  it('folds what a slow subscriber missed while the others still get one event per message', async () => {
    const text = 'One two three';
    const { jobs, publish } = follower(() => row({ status: 'SUCCEEDED', progress: 1, output: text }));
    const [fast, slow] = await Promise.all([jobs.follow(JOB_ID), jobs.follow(JOB_ID)]);
    const fastEvents: GenerationEvent[] = [(await fast.next()).value!];
    const slowEvents: GenerationEvent[] = [(await slow.next()).value!];
    let offset = 0;
    for (const word of ['One', ' two', ' three']) {
      const next = fast.next();
      publish(running(offset, word));
      offset += word.length;
      fastEvents.push((await next).value!);
    }
    slowEvents.push((await slow.next()).value!);
    publish({ status: 'SUCCEEDED', progress: 1, offset, delta: null, restarted: false, final: true });
    for await (const event of fast) fastEvents.push(event);
    for await (const event of slow) slowEvents.push(event);

    expect(fastEvents.map((e) => e.delta)).toEqual([null, 'One', ' two', ' three', null]);
    expect(slowEvents.map((e) => e.delta)).toEqual([null, 'One two three', null]);
    expect(slowEvents.at(-1)).toBe(fastEvents.at(-1));
    expect(joined(slowEvents)).toBe(text);
  });

  it('keeps following for the subscribers who stay when one leaves, and starts over once all have left', async () => {
    const { jobs, publish, listened } = follower(() => row({ status: 'RUNNING' }));
    const [leaving, staying] = await Promise.all([jobs.follow(JOB_ID), jobs.follow(JOB_ID)]);
    await Promise.all([leaving.next(), staying.next()]);
    const waiting = leaving.next();
    await leaving.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    const next = staying.next();
    publish(running(0, 'Still here'));
    expect((await next).value).toMatchObject({ delta: 'Still here' });
    expect(await leaving.next()).toEqual({ done: true, value: undefined });
    await staying.return?.();

    const later = await jobs.follow(JOB_ID);
    expect((await later.next()).value).toMatchObject({ delta: null, job: { status: 'QUEUED' } });
    expect(listened.count).toBe(2);
    await later.return?.();
  });

  it('gives a subscriber who joins a running feed the text so far as its first delta, without loading the row again', async () => {
    let loads = 0;
    const { jobs, publish } = follower(
      () => row({ status: 'RUNNING' }),
      async () => {
        loads++;
        return row({ status: 'RUNNING' });
      },
    );
    const early = await jobs.follow(JOB_ID);
    await early.next();
    const next = early.next();
    publish(running(0, 'Early words'));
    await next;
    const late = await jobs.follow(JOB_ID);

    expect((await late.next()).value).toMatchObject({ delta: 'Early words', restarted: false });
    expect(loads).toBe(1);
    await Promise.all([early.return?.(), late.return?.()]);
  });
});
