import { randomUUID } from 'node:crypto';
import type { Instance } from './deployment.js';

export type OutcomeKind = 'answered' | 'refused' | 'failed';

export interface Outcome {
  op: string;
  instance: string;
  startedAt: number;
  endedAt: number;
  kind: OutcomeKind;
  /** The error code (or the network error) of a refused or failed request. */
  code?: string;
}

export interface Author {
  name: string;
  token: string;
  /** The user's row id in the database. */
  uuid: string;
}

/** What the clients were told was stored: every check compares the database with this. */
export interface Ledger {
  /** Global post id → its author, the content last acknowledged, and contents of updates refused in between (which may or may not have landed). */
  posts: Map<string, { author: Author; content: string; maybe: string[] }>;
  events: Set<string>;
  /** Global job id → the topic asked for and when it was acknowledged. */
  jobs: Map<string, { topic: string; at: number }>;
  /** Topics of generatePost requests that were refused: no job may exist for them. */
  refusedTopics: Set<string>;
}

/** Refusals a client can act on; SERVICE_UNAVAILABLE must also say when to retry. */
const TYPED_REFUSALS = new Set(['SERVICE_UNAVAILABLE', 'RATE_LIMITED']);
const REQUEST_TIMEOUT_MS = 20_000;
/** Pause between one loop's requests: four loops then keep two cores busy without saturating them. */
const PACE_MS = 30;
const GENERATE_EVERY_MS = 900;
/** However the test goes, the loops end by themselves. */
const MAX_RUN_MS = 8 * 60_000;

export const decodeId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const OPS = {
  signUp: 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
  create: 'mutation Create($input: CreatePostInput!) { createPost(input: $input) { id content } }',
  update: 'mutation Update($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id content } }',
  engage: 'mutation Engage($events: [EngagementInput!]!) { recordEngagements(events: $events) }',
  post: 'query Post($id: ID!) { post(id: $id) { id content } }',
  drafts: 'query Drafts { posts(first: 10, filter: { status: DRAFT }) { totalCount edges { node { id content } } } }',
  generate: 'mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }',
  generateMany: 'mutation GenerateMany($inputs: [GeneratePostInput!]!) { generatePosts(inputs: $inputs) { id status } }',
};

type Answer = { kind: OutcomeKind; code?: string; data?: any };

/** One GraphQL request, classified: answered (200, no errors), refused (a typed, actionable error) or failed (anything else). */
export async function request(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  let response: Response;
  let body: { data?: any; errors?: { extensions?: { code?: string; retryAfter?: unknown } }[] };
  try {
    response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'failed', code: `network: ${cause ?? (error as Error).name}` };
  }
  if (response.status === 200 && !body.errors) return { kind: 'answered', data: body.data };
  const error = body.errors?.[0];
  const code = error?.extensions?.code ?? `HTTP ${response.status}`;
  if (!TYPED_REFUSALS.has(code)) return { kind: 'failed', code };
  if (code === 'SERVICE_UNAVAILABLE' && typeof error?.extensions?.retryAfter !== 'number')
    return { kind: 'failed', code: 'SERVICE_UNAVAILABLE without retryAfter' };
  return { kind: 'refused', code };
}

export async function signUp(base: string, name: string): Promise<Author> {
  const input = { email: `${name}-${randomUUID().slice(0, 8)}@faults.example.com`, password: 'correct horse battery staple', name };
  const answer = await request(base, OPS.signUp, { input });
  if (answer.kind !== 'answered') throw new Error(`signUp: ${answer.code}`);
  return { name, token: answer.data.signUp.token, uuid: decodeId(answer.data.signUp.user.id) };
}

/**
 * Bounded mixed load over the API instances in `targets` (a loop takes them in turn; remove one to
 * stop sending it new requests): two writers (create, update their own posts, record engagement,
 * read them back), a reader (posts by id and draft lists, through every instance) and a generator
 * (generatePost about once a second). Every outcome is recorded and every acknowledged write kept.
 */
export function startLoad(targets: Instance[], users: { writers: Author[]; generator: Author }) {
  const outcomes: Outcome[] = [];
  const ledger: Ledger = { posts: new Map(), events: new Set(), jobs: new Map(), refusedTopics: new Set() };
  const deadline = Date.now() + MAX_RUN_MS;
  let running = true;
  let turn = 0;
  // While paused, every loop waits at the top of its next step: the checks then see no write in flight.
  let paused: Promise<void> | undefined;
  let resume = () => {};
  const idle = new Set<string>();
  const loopCount = users.writers.length + 2;
  let finished = 0;
  let allIdle = () => {};
  const settle = () => idle.size + finished === loopCount && allIdle();

  async function call(op: string, query: string, variables: Record<string, unknown>, token: string): Promise<Answer> {
    const target = targets[turn++ % targets.length]!;
    const startedAt = Date.now();
    const answer = await request(target.base, query, variables, token);
    outcomes.push({ op, instance: target.name, startedAt, endedAt: Date.now(), kind: answer.kind, ...(answer.code ? { code: answer.code } : {}) });
    return answer;
  }
  const postsOf = (author: Author) => [...ledger.posts].filter(([, p]) => p.author === author).map(([id]) => id);
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
  async function live(loop: string) {
    if (paused) {
      idle.add(loop);
      settle();
      await paused;
      idle.delete(loop);
    }
    return running && Date.now() < deadline;
  }

  async function writer(author: Author) {
    for (let step = 0; await live(author.name); step++) {
      const own = postsOf(author);
      const id = pick(own);
      const content = `${author.name} wrote this at step ${step} (${randomUUID()})`;
      if (step % 5 === 0 || !id) {
        const answer = await call('createPost', OPS.create, { input: { content } }, author.token);
        if (answer.kind === 'answered') ledger.posts.set(answer.data.createPost.id, { author, content, maybe: [] });
      } else if (step % 5 === 1) {
        const answer = await call('updatePost', OPS.update, { id, input: { content } }, author.token);
        const post = ledger.posts.get(id)!;
        if (answer.kind === 'answered') Object.assign(post, { content, maybe: [] });
        else post.maybe.push(content);
      } else if (step % 5 === 2) {
        const events = [id, pick(own)!].map((postId) => ({ postId, type: 'IMPRESSION', eventId: randomUUID() }));
        const answer = await call('recordEngagements', OPS.engage, { events }, author.token);
        if (answer.kind === 'answered') for (const event of events) ledger.events.add(event.eventId);
      } else if (step % 5 === 3) await call('post', OPS.post, { id }, author.token);
      else await call('drafts', OPS.drafts, {}, author.token);
      await sleep(PACE_MS);
    }
  }

  async function reader() {
    for (let step = 0; await live('reader'); step++) {
      const author = users.writers[step % users.writers.length]!;
      const id = pick(postsOf(author));
      if (id && step % 3) await call('post', OPS.post, { id }, author.token);
      else await call('drafts', OPS.drafts, {}, author.token);
      await sleep(PACE_MS);
    }
  }

  async function generator() {
    for (let step = 0; await live('generator'); step++) {
      const topic = `Fault suite topic ${step} ${randomUUID()}`;
      const started = Date.now();
      const answer = await call('generatePost', OPS.generate, { input: { topic, tone: 'PROFESSIONAL' } }, users.generator.token);
      if (answer.kind === 'answered') ledger.jobs.set(answer.data.generatePost.id, { topic, at: Date.now() });
      else ledger.refusedTopics.add(topic);
      await sleep(Math.max(PACE_MS, GENERATE_EVERY_MS - (Date.now() - started)));
    }
  }

  const loops = Promise.all(
    [...users.writers.map(writer), reader(), generator()].map((loop) =>
      loop.finally(() => {
        finished++;
        settle();
      }),
    ),
  );
  return {
    outcomes,
    ledger,
    /** Asks for `count` posts in one generatePosts: more than the worker runs at once, so some wait in the queue. */
    async generateBurst(count: number) {
      const topics = Array.from({ length: count }, (_, i) => `Fault suite burst ${i} ${randomUUID()}`);
      const answer = await call('generatePosts', OPS.generateMany, { inputs: topics.map((topic) => ({ topic })) }, users.generator.token);
      if (answer.kind !== 'answered') throw new Error(`generatePosts: ${answer.code}`);
      for (const [i, job] of (answer.data.generatePosts as { id: string }[]).entries()) ledger.jobs.set(job.id, { topic: topics[i]!, at: Date.now() });
    },
    /** Outcomes of the requests started in [from, to). */
    between: (from: number, to: number) => outcomes.filter((o) => o.startedAt >= from && o.startedAt < to),
    /** Resolves once every loop waits between two requests. */
    async pause() {
      const reached = new Promise<void>((resolve) => (allIdle = resolve));
      paused = new Promise<void>((resolve) => (resume = resolve));
      settle();
      await reached;
    },
    resume() {
      paused = undefined;
      resume();
    },
    async stop() {
      running = false;
      this.resume();
      await loops;
    },
  };
}

export type Load = ReturnType<typeof startLoad>;

/** Counts by kind, and the slowest answer (or refusal) of the lot. */
export function tally(outcomes: Outcome[]) {
  const count = (kind: OutcomeKind) => outcomes.filter((o) => o.kind === kind).length;
  return {
    answered: count('answered'),
    refused: count('refused'),
    failed: count('failed'),
    slowestMs: Math.max(0, ...outcomes.map((o) => o.endedAt - o.startedAt)),
  };
}
