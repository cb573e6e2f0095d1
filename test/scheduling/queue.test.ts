import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFreeSlot } from '../../src/modules/scheduling/queue-slots.rules.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from '../publishing/publishing-app.js';
import { queueAuthor, SET_SCHEDULE } from './queue-author.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
}, 60_000);
afterAll(() => p?.close());

const ADD = 'mutation ($id: ID!, $after: DateTime) { addToQueue(postId: $id, after: $after) { id status scheduledAt } }';
const CALENDAR = `query ($w: ID!, $from: DateTime!, $to: DateTime!, $zone: String!) {
  calendar(workspaceId: $w, from: $from, to: $to, timeZone: $zone) { date posts { id status scheduledAt } }
}`;
const SCHEDULES = 'query ($w: ID!) { workspace(id: $w) { postingSchedules { timeZone slots { weekday time } } } }';

const DAY = 86_400_000;
const SUNDAY = 7;
const codeOf = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.code;
const fieldsOf = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.fields?.map((f: { path: string }) => f.path);

const author = (name: string) => queueAuthor(p, name);

/** The Sunday the clocks spring forward next (EU: the last in March; US: the second), more than two days ahead. */
function nextSpringForward(zone: 'Europe/Berlin' | 'America/New_York'): Date {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const day = zone === 'Europe/Berlin' ? 31 - new Date(Date.UTC(year, 2, 31)).getUTCDay() : 8 + ((7 - new Date(Date.UTC(year, 2, 8)).getUTCDay()) % 7);
    const sunday = new Date(Date.UTC(year, 2, day));
    if (sunday.getTime() > Date.now() + 2 * DAY) return sunday;
  }
}

const iso = (date: Date, hours: number, minutes = 0) => new Date(date.getTime() + hours * 3_600_000 + minutes * 60_000).toISOString();

describe('posting schedules', () => {
  it('are set, read back sorted and without duplicates, and replaced', async () => {
    const a = await author('Scheduler');
    const set = await a.setSchedule({
      timeZone: 'Europe/Berlin',
      slots: [
        { weekday: 3, time: '17:00' },
        { weekday: 1, time: '09:30' },
        { weekday: 3, time: '17:00' },
      ],
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setPostingSchedule).toMatchObject({
      account: a.accountId,
      timeZone: 'Europe/Berlin',
      slots: [
        { weekday: 1, time: '09:30' },
        { weekday: 3, time: '17:00' },
      ],
    });
    await a.setSchedule({ timeZone: 'America/New_York', slots: [{ weekday: 5, time: '08:00' }] });
    const read = await p.t.gql(SCHEDULES, { w: a.workspaceId }, { token: a.token });
    expect(read.data!.workspace.postingSchedules).toEqual([{ timeZone: 'America/New_York', slots: [{ weekday: 5, time: '08:00' }] }]);
  });

  it('refuses an unknown zone, a bad weekday or time, and an account outside the workspace, changing nothing', async () => {
    const a = await author('Careful');
    const bad = await a.setSchedule({
      timeZone: 'Mars/Olympus_Mons',
      slots: [
        { weekday: 8, time: '09:00' },
        { weekday: 1, time: '24:00' },
      ],
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['input.timeZone', 'input.slots.0.weekday', 'input.slots.1.time']);
    const other = await author('Other');
    const foreign = await p.t.gql(SET_SCHEDULE, { w: a.workspaceId, a: other.accountId, input: { timeZone: 'UTC', slots: [] } }, { token: a.token });
    expect(fieldsOf(foreign)).toEqual(['accountId']);
    const read = await p.t.gql(SCHEDULES, { w: a.workspaceId }, { token: a.token });
    expect(read.data!.workspace.postingSchedules).toEqual([]);
  });
});

describe('addToQueue', () => {
  it('fills the slots in time order; without slots it is BAD_USER_INPUT and nothing is scheduled', async () => {
    const a = await author('Queuer');
    const first = await p.draft(a.token);
    const none = await p.t.gql(ADD, { id: first }, { token: a.token });
    expect(fieldsOf(none)).toEqual(['accountId']);
    await a.setSchedule({ timeZone: 'UTC', slots: [] });
    expect(fieldsOf(await p.t.gql(ADD, { id: first }, { token: a.token }))).toEqual(['accountId']);
    const post = await p.t.gql('query ($id: ID!) { post(id: $id) { status scheduledAt } }', { id: first }, { token: a.token });
    expect(post.data!.post).toEqual({ status: 'DRAFT', scheduledAt: null });

    const schedule = { timeZone: 'UTC', slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '10:00' })) };
    await a.setSchedule(schedule);
    const second = await p.draft(a.token);
    const queued = [
      (await p.t.gql(ADD, { id: first }, { token: a.token })).data!.addToQueue,
      (await p.t.gql(ADD, { id: second }, { token: a.token })).data!.addToQueue,
    ];
    const expected = [nextFreeSlot(schedule, new Date(), [])!];
    expected.push(nextFreeSlot(schedule, new Date(), expected)!);
    expect(queued.map((q) => q.status)).toEqual(['SCHEDULED', 'SCHEDULED']);
    expect(queued.map((q) => q.scheduledAt)).toEqual(expected.map((d) => d.toISOString()));
  });

  it('refuses an `after` in the past, and answers CONFLICT when the next slot is beyond a year', async () => {
    const a = await author('Far ahead');
    const id = await p.draft(a.token);
    const past = await p.t.gql(ADD, { id, after: new Date(Date.now() - DAY).toISOString() }, { token: a.token });
    expect(fieldsOf(past)).toEqual(['after']);
    // The only slot is three days after `after`, which is itself a day short of the year's end.
    const after = new Date(Date.now() + 365 * DAY);
    const slot = new Date(after.getTime() + 3 * DAY);
    await a.setSchedule({ timeZone: 'UTC', slots: [{ weekday: slot.getUTCDay() || 7, time: slot.toISOString().slice(11, 16) }] });
    const full = await p.t.gql(ADD, { id, after: after.toISOString() }, { token: a.token });
    expect(codeOf(full)).toBe('CONFLICT');
    const post = await p.t.gql('query ($id: ID!) { post(id: $id) { status } }', { id }, { token: a.token });
    expect(post.data!.post.status).toBe('DRAFT');
  });

  it.each([
    // 02:30 does not exist on the night the clocks spring forward: the slot is when they jump (03:00 local).
    ['Europe/Berlin', { before: [1.5, 8], change: [1, 7] }],
    ['America/New_York', { before: [7.5, 14], change: [7, 13] }],
  ] as const)('keeps local times across the spring-forward Sunday in %s, and the calendar groups them by local day', async (zone, hoursUtc) => {
    const a = await author(`DST ${zone}`);
    await a.setSchedule({
      timeZone: zone,
      slots: [
        { weekday: SUNDAY, time: '09:00' },
        { weekday: SUNDAY, time: '02:30' },
      ],
    });
    const change = nextSpringForward(zone);
    const weekBefore = new Date(change.getTime() - 7 * DAY);
    const after = new Date(change.getTime() - 8 * DAY).toISOString();
    const times: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await p.draft(a.token);
      const added = await p.t.gql(ADD, { id, after }, { token: a.token });
      expect(added.errors).toBeUndefined();
      times.push(added.data!.addToQueue.scheduledAt);
    }
    expect(times).toEqual([
      iso(weekBefore, hoursUtc.before[0]),
      iso(weekBefore, hoursUtc.before[1]),
      iso(change, hoursUtc.change[0]),
      iso(change, hoursUtc.change[1]),
    ]);

    const calendar = await p.t.gql(CALENDAR, { w: a.workspaceId, from: after, to: new Date(change.getTime() + DAY).toISOString(), zone }, { token: a.token });
    expect(calendar.errors).toBeUndefined();
    const date = (d: Date) => d.toISOString().slice(0, 10);
    expect(calendar.data!.calendar.map((day: any) => [day.date, day.posts.map((post: any) => post.scheduledAt)])).toEqual([
      [date(weekBefore), times.slice(0, 2)],
      [date(change), times.slice(2)],
    ]);
    // Read in Auckland (UTC+13 in March), the Sunday posts fall on Sunday there too, but the 09:00 ones in New York on Monday.
    const auckland = await p.t.gql(
      CALENDAR,
      { w: a.workspaceId, from: after, to: new Date(change.getTime() + DAY).toISOString(), zone: 'Pacific/Auckland' },
      { token: a.token },
    );
    const localDays = auckland.data!.calendar.map((day: any) => day.date);
    expect(auckland.data!.calendar.flatMap((day: any) => day.posts.map((post: any) => post.scheduledAt))).toEqual(times);
    expect(localDays).toEqual(
      zone === 'Europe/Berlin'
        ? [date(weekBefore), date(change)]
        : [date(weekBefore), date(new Date(weekBefore.getTime() + DAY)), date(change), date(new Date(change.getTime() + DAY))],
    );
  });

  it('gives 12 concurrent calls 12 distinct slots, the first 12 free ones', async () => {
    const a = await author('Rush');
    const schedule = { timeZone: 'UTC', slots: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['08:00', '12:00', '16:00'].map((time) => ({ weekday, time }))) };
    await a.setSchedule(schedule);
    const drafts = await Promise.all(Array.from({ length: 12 }, () => p.draft(a.token)));
    const now = new Date();
    const answers = await Promise.all(drafts.map((id) => p.t.gql(ADD, { id }, { token: a.token })));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const times = answers.map((answer) => answer.data!.addToQueue.scheduledAt as string).sort();
    expect(new Set(times).size).toBe(12);
    const expected: Date[] = [];
    for (let i = 0; i < 12; i++) expected.push(nextFreeSlot(schedule, now, expected)!);
    expect(times).toEqual(expected.map((d) => d.toISOString()));
    const stored = await p.t.app.db.prisma.post.findMany({ where: { id: { in: drafts.map(rawId) } }, select: { scheduledAt: true, status: true } });
    expect(new Set(stored.map((post) => post.scheduledAt?.toISOString())).size).toBe(12);
  });
});

describe('shuffleQueue and reschedulePosts', () => {
  const SHUFFLE = 'mutation ($w: ID!, $a: ID!) { shuffleQueue(workspaceId: $w, accountId: $a) { id status scheduledAt } }';
  const BULK = 'mutation ($changes: [RescheduleInput!]!) { reschedulePosts(changes: $changes) { id status scheduledAt } }';

  async function queueOf(count: number) {
    const a = await author(`Shuffler ${count}`);
    await a.setSchedule({ timeZone: 'UTC', slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '07:00' })) });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await p.draft(a.token);
      expect((await p.t.gql(ADD, { id }, { token: a.token })).errors).toBeUndefined();
      ids.push(id);
    }
    return { a, ids };
  }

  it('shuffle permutes the queued posts among the same slots', async () => {
    const { a, ids } = await queueOf(6);
    const before = await p.t.app.db.prisma.post.findMany({ where: { id: { in: ids.map(rawId) } }, select: { id: true, scheduledAt: true } });
    const slots = before.map((post) => post.scheduledAt!.toISOString()).sort();
    let moved = false;
    // A random permutation may leave every post in place (1 in 720): shuffle again until one moves.
    for (let i = 0; i < 5 && !moved; i++) {
      const shuffled = await p.t.gql(SHUFFLE, { w: a.workspaceId, a: a.accountId }, { token: a.token });
      expect(shuffled.errors).toBeUndefined();
      const answer = shuffled.data!.shuffleQueue as { id: string; status: string; scheduledAt: string }[];
      expect(answer.map((post) => post.scheduledAt)).toEqual(slots);
      expect(answer.every((post) => post.status === 'SCHEDULED')).toBe(true);
      expect(new Set(answer.map((post) => post.id))).toEqual(new Set(ids));
      const was = new Map(before.map((post) => [encodeGlobalID('Post', post.id), post.scheduledAt!.toISOString()]));
      moved = answer.some((post) => was.get(post.id) !== post.scheduledAt);
    }
    expect(moved).toBe(true);
  });

  it('reschedulePosts moves all or none, naming the item at fault', async () => {
    const { a, ids } = await queueOf(3);
    const soon = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const read = () => p.t.app.db.prisma.post.findMany({ where: { id: { in: ids.map(rawId) } }, select: { scheduledAt: true }, orderBy: { id: 'asc' } });
    const before = await read();

    const past = await p.t.gql(
      BULK,
      {
        changes: [
          { id: ids[0], at: soon(20) },
          { id: ids[1], at: soon(-1) },
        ],
      },
      { token: a.token },
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(past)).toEqual(['changes.1.at']);
    const twice = await p.t.gql(
      BULK,
      {
        changes: [
          { id: ids[0], at: soon(20) },
          { id: ids[0], at: soon(21) },
        ],
      },
      { token: a.token },
    );
    expect(fieldsOf(twice)).toEqual(['changes.1.id']);
    const draft = await p.draft(a.token);
    const notScheduled = await p.t.gql(
      BULK,
      {
        changes: [
          { id: ids[0], at: soon(20) },
          { id: draft, at: soon(21) },
        ],
      },
      { token: a.token },
    );
    expect(codeOf(notScheduled)).toBe('CONFLICT');
    expect(notScheduled.errors![0]!.extensions!.path).toBe('changes.1');
    const tooMany = await p.t.gql(BULK, { changes: Array.from({ length: 51 }, () => ({ id: ids[0], at: soon(20) })) }, { token: a.token });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(await read()).toEqual(before);

    const moved = await p.t.gql(
      BULK,
      {
        changes: [
          { id: ids[2], at: soon(30) },
          { id: ids[0], at: soon(31) },
        ],
      },
      { token: a.token },
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.reschedulePosts.map((post: any) => post.id)).toEqual([ids[2], ids[0]]);
    expect(moved.data!.reschedulePosts.every((post: any) => post.status === 'SCHEDULED')).toBe(true);
    const stranger = await p.t.signUp('Stranger');
    const refused = await p.t.gql(BULK, { changes: [{ id: ids[1], at: soon(40) }] }, { token: stranger.token });
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });
});

describe('calendar', () => {
  it('refuses an unknown zone, a reversed window and one longer than 92 days', async () => {
    const a = await author('Calendar');
    const ask = (from: number, to: number, zone = 'UTC') =>
      p.t.gql(
        CALENDAR,
        { w: a.workspaceId, from: new Date(Date.now() + from * DAY).toISOString(), to: new Date(Date.now() + to * DAY).toISOString(), zone },
        { token: a.token },
      );
    expect(fieldsOf(await ask(0, 1, 'Nowhere/Else'))).toEqual(['timeZone']);
    expect(fieldsOf(await ask(1, 0))).toEqual(['to']);
    expect(fieldsOf(await ask(0, 93))).toEqual(['to']);
    expect((await ask(0, 92)).data!.calendar).toEqual([]);
    const stranger = await p.t.signUp('Outsider');
    const refused = await p.t.gql(
      CALENDAR,
      { w: a.workspaceId, from: new Date().toISOString(), to: new Date(Date.now() + DAY).toISOString(), zone: 'UTC' },
      { token: stranger.token },
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });

  it('reads any number of posts with their authors in the same statements, and follows queue changes at once (response cache on)', async () => {
    const a = await author('Busy');
    await a.setSchedule({ timeZone: 'UTC', slots: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['06:00', '18:00'].map((time) => ({ weekday, time }))) });
    const query = `query ($w: ID!, $from: DateTime!, $to: DateTime!) {
      calendar(workspaceId: $w, from: $from, to: $to, timeZone: "Europe/Paris") { date posts { id scheduledAt author { name } workspace { name } } }
    }`;
    const window = { w: a.workspaceId, from: new Date().toISOString(), to: new Date(Date.now() + 30 * DAY).toISOString() };
    const first = await p.draft(a.token);
    await p.t.gql(ADD, { id: first }, { token: a.token });
    // Each count reads a window of its own, a response-cache miss that executes.
    let misses = 0;
    const uncached = () => p.t.gql(query, { ...window, to: new Date(Date.parse(window.to) + ++misses).toISOString() }, { token: a.token });
    const one = await p.t.countStatements(uncached, { tries: 3 });
    expect(one.count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 9; i++) await p.t.gql(ADD, { id: await p.draft(a.token) }, { token: a.token });
    const cached = await p.t.gql(query, window, { token: a.token });
    expect(cached.data!.calendar.flatMap((day: any) => day.posts)).toHaveLength(10);
    const ten = await p.t.countStatements(uncached, { tries: 3 });
    expect(ten.count).toBe(one.count);

    // A change to the queue evicts the cached calendar: the moved post shows at its new time on the next read.
    const at = new Date(Date.now() + 20 * DAY + 3_600_000).toISOString();
    await p.t.gql(
      'mutation ($changes: [RescheduleInput!]!) { reschedulePosts(changes: $changes) { id } }',
      { changes: [{ id: first, at }] },
      { token: a.token },
    );
    const after = await p.t.gql(query, window, { token: a.token });
    const moved = after.data!.calendar.flatMap((day: any) => day.posts).find((post: any) => post.id === first);
    expect(moved.scheduledAt).toBe(at);
  });
});

describe('PostFilter by scheduled time, ordered by it', () => {
  it('pages through the scheduled window soonest first', async () => {
    const a = await author('Filter');
    await a.setSchedule({ timeZone: 'UTC', slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '11:00' })) });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await p.draft(a.token);
      ids.push((await p.t.gql(ADD, { id }, { token: a.token })).data!.addToQueue.id);
    }
    const times = (await p.t.app.db.prisma.post.findMany({ where: { id: { in: ids.map(rawId) } }, select: { scheduledAt: true } }))
      .map((post) => post.scheduledAt!.getTime())
      .sort((x, y) => x - y);
    const page = `query ($author: ID!, $after: String, $from: DateTime, $to: DateTime) {
      posts(first: 2, after: $after, orderBy: SCHEDULED, filter: { authorId: $author, scheduledAfter: $from, scheduledBefore: $to }) {
        pageInfo { hasNextPage endCursor } edges { node { scheduledAt } }
      }
    }`;
    const window = { author: a.id, from: new Date(times[1]!).toISOString(), to: new Date(times[4]!).toISOString() };
    const seen: string[] = [];
    let after: string | null = null;
    for (let hasNext = true; hasNext; ) {
      const answer: any = await p.t.gql(page, { ...window, after }, { token: a.token });
      expect(answer.errors).toBeUndefined();
      seen.push(...answer.data.posts.edges.map((edge: any) => edge.node.scheduledAt));
      ({ hasNextPage: hasNext, endCursor: after } = answer.data.posts.pageInfo);
    }
    expect(seen).toEqual(times.slice(1, 4).map((time) => new Date(time).toISOString()));
  });
});
