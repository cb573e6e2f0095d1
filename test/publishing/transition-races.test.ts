import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockWaiters } from '../helpers/postgres.js';
import { backend, type GraphQLResponse, openSecondInstance, type TestApp } from '../helpers/test-app.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

// On PostgreSQL the two requests of a race go to two instances; the embedded database belongs to one.
let p: PublishingTestApp;
let other: Pick<TestApp, 'gql' | 'close'> | undefined;
beforeAll(async () => {
  p = await createPublishingTestApp();
  if (backend === 'postgres') other = await openSecondInstance(p.t);
});
afterAll(async () => {
  await other?.close();
  await p?.close();
});

const FIELDS = 'status scheduledAt';
const PUBLISH = `mutation ($id: ID!, $expectedVersion: Int) { publishPost(id: $id, expectedVersion: $expectedVersion) { ${FIELDS} } }`;
const SCHEDULE = `mutation ($id: ID!, $at: DateTime!, $expectedVersion: Int) {
  schedulePost(id: $id, at: $at, expectedVersion: $expectedVersion) { ${FIELDS} }
}`;
const CANCEL = `mutation ($id: ID!, $expectedVersion: Int) { cancelSchedule(id: $id, expectedVersion: $expectedVersion) { ${FIELDS} } }`;

type PostState = { status: string; scheduledAt: string | null };
type Answer = GraphQLResponse<Record<string, PostState>>;
const outcome = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'ok';
const stateOf = (answer: Answer) => Object.values(answer.data!)[0]!;
const inMinutes = (minutes: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + minutes * 60_000).toISOString();

interface Rival {
  name: string;
  query: string;
  /** Its variables, and the state it answers with when it wins. */
  variables: (id: string) => Record<string, unknown>;
  leaves: (variables: Record<string, unknown>) => PostState;
  /** Whether each post is SCHEDULED (an hour ahead) before the race. */
  scheduledFirst: boolean;
}

const scheduleAt = (minutes: number, scheduledFirst: boolean): Rival => ({
  name: scheduledFirst ? 'schedulePost to a new time' : 'schedulePost on a draft',
  query: SCHEDULE,
  variables: (id) => ({ id, at: inMinutes(minutes) }),
  leaves: (variables) => ({ status: 'SCHEDULED', scheduledAt: variables.at as string }),
  scheduledFirst,
});

const RIVALS: Rival[] = [
  scheduleAt(120, false),
  scheduleAt(180, true),
  { name: 'cancelSchedule', query: CANCEL, variables: (id) => ({ id }), leaves: () => ({ status: 'DRAFT', scheduledAt: null }), scheduledFirst: true },
];

const notBusy = async () => {
  const { waiting, active } = await p.publishQueue();
  if (waiting + active) throw new Error(`${waiting} waiting, ${active} active`);
};

/**
 * publishPost and the rival on each of 12 posts at once, on two instances, either both from the
 * version the caller read or without one. Checks that every acknowledged answer is the state its own
 * transition left, that the post ends as the one that went last left it, and that the queue holds
 * exactly the jobs those final states need. Returns the outcomes.
 */
async function race(rival: Rival, fromReadVersion: boolean): Promise<string[][]> {
  const author = await p.t.signUp('Racer');
  await p.connect(author.id);
  const token = author.token;
  const posts = await Promise.all(Array.from({ length: 12 }, () => p.draft(token)));
  const before = await p.publishQueue();
  if (rival.scheduledFirst) {
    for (const id of posts) expect((await p.t.gql(SCHEDULE, { id, at: inMinutes(60) }, { token })).errors).toBeUndefined();
  }
  const row = (id: string) => p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(id) } });

  const races = await Promise.all(
    posts.map(async (id, i) => {
      const expectedVersion = fromReadVersion ? (await row(id)).version : undefined;
      const [publishOn, rivalOn] = i % 2 ? [p.t, other ?? p.t] : [other ?? p.t, p.t];
      const variables = { ...rival.variables(id), expectedVersion };
      const [published, rivalled] = await Promise.all([
        publishOn.gql(PUBLISH, { id, expectedVersion }, { token }) as Promise<Answer>,
        rivalOn.gql(rival.query, variables, { token }) as Promise<Answer>,
      ]);
      return { id, variables, published, rivalled };
    }),
  );

  let scheduledAtEnd = 0;
  for (const { id, variables, published, rivalled } of races) {
    const codes = [outcome(published), outcome(rivalled)];
    expect(codes.every((code) => code === 'ok' || code === 'CONFLICT') && codes.includes('ok'), JSON.stringify(codes)).toBe(true);
    if (outcome(published) === 'ok') expect(stateOf(published)).toEqual({ status: 'PUBLISHING', scheduledAt: null });
    if (outcome(rivalled) === 'ok') expect(stateOf(rivalled)).toEqual(rival.leaves(variables));
    const { content } = await row(id);
    const sent = () => p.fake.posts.filter((post) => post.rendered === content).length;
    // Once PUBLISHING, only the job moves the post: publishPost was last whenever it won.
    if (outcome(published) === 'ok') {
      expect((await p.settle(id)).status).toBe('PUBLISHED');
      expect(sent()).toBe(1);
    } else {
      const { status, scheduledAt } = await row(id);
      expect({ status, scheduledAt: scheduledAt?.toISOString() ?? null }).toEqual(stateOf(rivalled));
      expect(sent()).toBe(0);
      if (status === 'SCHEDULED') scheduledAtEnd++;
    }
  }
  await vi.waitFor(notBusy, { timeout: 15_000, interval: 100 });
  expect((await p.publishQueue()).delayed - before.delayed).toBe(scheduledAtEnd);
  return races.map(({ published, rivalled }) => [outcome(published), outcome(rivalled)]);
}

describe('publishPost racing another transition of the same post', () => {
  it.each(RIVALS)('$name, both from the version read: exactly one wins, and only its effect remains', async (rival) => {
    const outcomes = await race(rival, true);
    expect(outcomes.map((codes) => [...codes].sort())).toEqual(outcomes.map(() => ['CONFLICT', 'ok']));
  });

  it.each(RIVALS)('$name, without a version: each answer is its own effect, and the last one is what remains', async (rival) => {
    await race(rival, false);
  });
});

// A side connection holds the account's deletion open while the transition runs into it.
it.skipIf(backend === 'embedded')('scheduling with an account disconnected at that moment answers BAD_USER_INPUT and changes nothing', async () => {
  const author = await p.t.signUp('Disconnecting');
  const accountId = await p.connect(author.id);
  const id = await p.draft(author.token);
  const before = await p.publishQueue();
  const disconnecting = new pg.Client({ connectionString: p.t.env.DATABASE_URL });
  await disconnecting.connect();
  try {
    await disconnecting.query('BEGIN');
    await disconnecting.query('DELETE FROM linkedin_accounts WHERE id = $1', [accountId]);
    const scheduling = p.t.gql(SCHEDULE, { id, at: inMinutes(60) }, { token: author.token });
    await lockWaiters(disconnecting, 1);
    await disconnecting.query('COMMIT');
    expect((await scheduling).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'accountId' }] });
  } finally {
    await disconnecting.end();
  }
  expect(await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(id) }, select: { status: true, version: true } })).toEqual({
    status: 'DRAFT',
    version: 1,
  });
  expect((await p.publishQueue()).delayed).toBe(before.delayed);
});

describe('version', () => {
  it('grows by one with every transition and every step of the job, and a stale one is refused', async () => {
    const author = await p.t.signUp('Versioned');
    await p.connect(author.id);
    const token = author.token;
    const id = await p.draft(token);
    const versionOf = async (query: string, variables: Record<string, unknown>) => {
      const answer = await p.t.gql(query.replace(FIELDS, 'version'), { id, ...variables }, { token });
      expect(answer.errors).toBeUndefined();
      return (Object.values(answer.data!)[0] as { version: number }).version;
    };
    expect(await versionOf(SCHEDULE, { at: inMinutes(60), expectedVersion: 1 })).toBe(2);
    expect(await versionOf(SCHEDULE, { at: inMinutes(90), expectedVersion: 2 })).toBe(3);
    const stale = await p.t.gql(CANCEL, { id, expectedVersion: 2 }, { token });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await versionOf(CANCEL, { expectedVersion: 3 })).toBe(4);
    expect(await versionOf(PUBLISH, {})).toBe(5);
    await p.settle(id);
    // The job's claim and its recorded outcome.
    expect((await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(id) } })).version).toBe(7);
  });
});

describe('deletePost', () => {
  it('refuses a post being published with CONFLICT, and leaves it', async () => {
    const author = await p.t.signUp('Deleter');
    await p.connect(author.id);
    const id = await p.draft(author.token);
    await p.t.app.db.prisma.post.update({ where: { id: rawId(id) }, data: { status: 'PUBLISHING', version: { increment: 1 } } });
    const deleted = await p.t.gql('mutation ($id: ID!) { deletePost(id: $id) }', { id }, { token: author.token });
    expect(deleted.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await p.t.app.db.prisma.post.count({ where: { id: rawId(id) } })).toBe(1);
  });
});
