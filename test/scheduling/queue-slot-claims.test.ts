import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFreeSlot } from '../../src/modules/scheduling/queue-slots.rules.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from '../publishing/publishing-app.js';
import { queueAuthor, type WeeklySchedule } from './queue-author.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
}, 60_000);
afterAll(() => p?.close());

const ADD = 'mutation ($id: ID!) { addToQueue(postId: $id) { id status scheduledAt } }';
const SCHEDULE = 'mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { id status scheduledAt } }';
const RESCHEDULE = 'mutation ($id: ID!, $at: DateTime!) { reschedulePost(id: $id, at: $at) { id status scheduledAt } }';
const BULK = 'mutation ($changes: [RescheduleInput!]!) { reschedulePosts(changes: $changes) { id status scheduledAt } }';

type Answer = { errors?: { extensions?: Record<string, any> }[]; data?: any };
const codeOf = (r: Answer) => r.errors?.[0]?.extensions?.code;
/** A slot every three hours, every day. */
const EVERY_3_HOURS: WeeklySchedule = {
  timeZone: 'UTC',
  slots: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => Array.from({ length: 8 }, (_, i) => ({ weekday, time: `${String(3 * i).padStart(2, '0')}:00` }))),
};

async function queuingAuthor(name: string) {
  const a = await queueAuthor(p, name);
  expect((await a.setSchedule(EVERY_3_HOURS)).errors).toBeUndefined();
  return a;
}

const stored = (ids: string[]) =>
  p.t.app.db.prisma.post.findMany({ where: { id: { in: ids.map(rawId) } }, select: { id: true, status: true, scheduledAt: true }, orderBy: { id: 'asc' } });

describe('a slot of the queue holds one post', () => {
  it('schedulePost and reschedulePost at a slot another post holds are CONFLICT naming it; other times are free', async () => {
    const a = await queuingAuthor('Slot keeper');
    const queued = (await p.t.gql(ADD, { id: await p.draft(a.token) }, { token: a.token })).data!.addToQueue;
    const draft = await p.draft(a.token);
    const taken = await p.t.gql(SCHEDULE, { id: draft, at: queued.scheduledAt }, { token: a.token });
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors![0]!.extensions!.takenBy).toBe(queued.id);
    expect((await stored([draft]))[0]).toMatchObject({ status: 'DRAFT', scheduledAt: null });

    // An hour after a slot is no slot: any number of posts may go out then.
    const between = new Date(Date.parse(queued.scheduledAt) + 3_600_000).toISOString();
    expect((await p.t.gql(SCHEDULE, { id: draft, at: between }, { token: a.token })).errors).toBeUndefined();
    const other = await p.draft(a.token);
    expect((await p.t.gql(SCHEDULE, { id: other, at: between }, { token: a.token })).errors).toBeUndefined();

    const moved = await p.t.gql(RESCHEDULE, { id: other, at: queued.scheduledAt }, { token: a.token });
    expect(codeOf(moved)).toBe('CONFLICT');
    expect(moved.errors![0]!.extensions!.takenBy).toBe(queued.id);
    // A post rescheduled to the slot it holds keeps it.
    expect((await p.t.gql(RESCHEDULE, { id: queued.id, at: queued.scheduledAt }, { token: a.token })).errors).toBeUndefined();
    // The queue passes over the posts an hour after, which hold no slot.
    const next = (await p.t.gql(ADD, { id: await p.draft(a.token) }, { token: a.token })).data!.addToQueue;
    expect(next.scheduledAt).toBe(new Date(Date.parse(queued.scheduledAt) + 3 * 3_600_000).toISOString());
  });

  it('reschedulePosts may swap slots, but not move into one held outside the call, nor two posts into one', async () => {
    const a = await queuingAuthor('Slot swapper');
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push((await p.t.gql(ADD, { id: await p.draft(a.token) }, { token: a.token })).data!.addToQueue);
    const [x, y, z] = queued as [{ id: string; scheduledAt: string }, { id: string; scheduledAt: string }, { id: string; scheduledAt: string }];
    const before = await stored([x.id, y.id, z.id]);

    const intoHeld = await p.t.gql(BULK, { changes: [{ id: x.id, at: y.scheduledAt }] }, { token: a.token });
    expect(codeOf(intoHeld)).toBe('CONFLICT');
    expect(intoHeld.errors![0]!.extensions).toMatchObject({ path: 'changes.0', takenBy: y.id });
    const free = new Date(Date.parse(z.scheduledAt) + 15 * 3_600_000).toISOString();
    const both = await p.t.gql(
      BULK,
      {
        changes: [
          { id: x.id, at: free },
          { id: y.id, at: free },
        ],
      },
      { token: a.token },
    );
    expect(codeOf(both)).toBe('CONFLICT');
    expect(both.errors![0]!.extensions).toMatchObject({ path: 'changes.1', takenBy: x.id });
    expect(await stored([x.id, y.id, z.id])).toEqual(before);

    const swap = await p.t.gql(
      BULK,
      {
        changes: [
          { id: x.id, at: y.scheduledAt },
          { id: y.id, at: x.scheduledAt },
        ],
      },
      { token: a.token },
    );
    expect(swap.errors).toBeUndefined();
    expect(swap.data!.reschedulePosts.map((post: { scheduledAt: string }) => post.scheduledAt)).toEqual([y.scheduledAt, x.scheduledAt]);
  });

  it('schedulePost racing addToQueue for the same slot: one of them gets it, never both', async () => {
    const a = await queuingAuthor('Slot racer');
    const holders: string[] = [];
    let queueFirst = 0;
    for (let round = 0; round < 8; round++) {
      const [manual, queuing] = await Promise.all([p.draft(a.token), p.draft(a.token)]);
      const taken = (await p.t.app.db.prisma.post.findMany({ where: { status: 'SCHEDULED', authorId: rawId(a.id) }, select: { scheduledAt: true } })).map(
        (post) => post.scheduledAt!,
      );
      // A minute of margin: the queue looks for slots after the moment it runs, not after this one.
      const slot = nextFreeSlot(EVERY_3_HOURS, new Date(Date.now() + 60_000), taken)!;
      const [scheduled, added] = await Promise.all([
        p.t.gql(SCHEDULE, { id: manual, at: slot.toISOString() }, { token: a.token }),
        p.t.gql(ADD, { id: queuing }, { token: a.token }),
      ]);
      expect(added.errors).toBeUndefined();
      if (scheduled.errors) {
        queueFirst++;
        expect(codeOf(scheduled)).toBe('CONFLICT');
        expect(scheduled.errors[0]!.extensions!.takenBy).toBe(queuing);
        expect(added.data!.addToQueue.scheduledAt).toBe(slot.toISOString());
      } else {
        expect(scheduled.data!.schedulePost.scheduledAt).toBe(slot.toISOString());
        expect(added.data!.addToQueue.scheduledAt).not.toBe(slot.toISOString());
      }
      holders.push(manual, queuing);
    }
    const times = (await stored(holders)).filter((post) => post.status === 'SCHEDULED').map((post) => post.scheduledAt!.toISOString());
    expect(times).toHaveLength(16 - queueFirst);
    expect(new Set(times).size).toBe(times.length);
  });
});
