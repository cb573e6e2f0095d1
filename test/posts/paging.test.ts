import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectBadArgument, ids, type PagedList, page, postGlobalId, postsList, rawId, searchList, userPostsList, walk } from './paging-helpers.js';

/**
 * Relay cursor connections over every Post list: each visible post exactly once, in order, both
 * ways; cursors that outlive the post they point at; the argument combinations Relay, Apollo and
 * urql send; pageInfo at both ends.
 */

type Order = 'NEWEST' | 'OLDEST' | 'MOST_ENGAGED';
const ORDERS: Order[] = ['NEWEST', 'OLDEST', 'MOST_ENGAGED'];
const BASE = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;

let t: TestApp;
let writer: { token: string; id: string };
let other: { token: string; id: string };

interface Row {
  id: string;
  authorId: string;
  status: string;
  hashtags: string[];
  createdAt: Date;
  totals: { engagements: number } | null;
}

const DELETE = 'mutation ($id: ID!) { deletePost(id: $id) }';

let users = 0;

/**
 * A user signed up through the service rather than over HTTP: a keep-alive socket left idle while
 * the embedded database blocks the event loop for the seeding that follows would be reset under
 * the next request.
 */
async function signUp(name: string): Promise<{ token: string; id: string }> {
  const email = `pager${++users}@example.com`;
  const { token, userId } = await t.app.services.auth.signUp({ email, password: 'correct horse battery', name });
  return { token, id: encodeGlobalID('User', userId) };
}

interface PostSpec {
  minute: number;
  engagements?: number | null;
  draft?: boolean;
  content?: string;
}

/** Posts by `author` with the given creation minutes, engagements and statuses (published unless said). */
async function seedPosts(author: { id: string }, specs: PostSpec[]) {
  const authorId = rawId(author.id);
  const created: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const post = await t.app.services.posts.create(
      { userId: authorId, requestId: null },
      { content: spec.content ?? `Post ${i} of ${author.id}${i % 2 ? ' #paging' : ''}` },
    );
    await t.app.db.prisma.post.update({
      where: { id: post.id },
      data: { createdAt: new Date(BASE + spec.minute * MINUTE), ...(spec.draft ? {} : { status: 'PUBLISHED', publishedAt: new Date() }) },
    });
    if (spec.engagements === null) await t.app.db.prisma.postTotals.delete({ where: { postId: post.id } });
    else await t.app.db.prisma.postTotals.update({ where: { postId: post.id }, data: { engagements: spec.engagements ?? 0 } });
    created.push(postGlobalId(post.id));
  }
  return created;
}

/** The order each PostOrder promises, written out here rather than asked of the database. */
const COMPARE: Record<Order, (a: Row, b: Row) => number> = {
  NEWEST: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
  OLDEST: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  // PostgreSQL sorts a missing totals row (NULL) first when descending.
  MOST_ENGAGED: (a, b) => (b.totals?.engagements ?? Number.POSITIVE_INFINITY) - (a.totals?.engagements ?? Number.POSITIVE_INFINITY) || COMPARE.NEWEST(a, b),
};

async function expected(order: Order, keep: (row: Row) => boolean): Promise<string[]> {
  const rows = await t.app.db.prisma.post.findMany({
    select: { id: true, authorId: true, status: true, hashtags: true, createdAt: true, totals: { select: { engagements: true } } },
  });
  return rows
    .filter(keep)
    .sort(COMPARE[order])
    .map((r) => postGlobalId(r.id));
}

const published = (r: Row) => r.status === 'PUBLISHED';
const by = (user: { id: string }) => (r: Row) => r.authorId === rawId(user.id);

beforeAll(async () => {
  t = await createTestApp({ env: { FEATURE_RATE_LIMIT: 'false' } });
  writer = await signUp('Pager');
  other = await signUp('Other pager');
  // Pairs share a creation instant, and engagements repeat, so every tie-breaker is exercised.
  const engagements = [3, 7, 3, 0, 7, 1, 3, 0, 9, 3, 2];
  await seedPosts(
    writer,
    engagements.map((e, i) => ({ minute: Math.floor(i / 2), engagements: e, draft: [2, 6, 9].includes(i), content: searchable(i) })),
  );
  await seedPosts(
    other,
    [7, 3, 0].map((e, i) => ({ minute: 2 * i, engagements: e, content: searchable(i) })),
  );
});
afterAll(() => t?.close());

/** Content matching "keysetword" with three strengths, so search ranks tie too. */
const searchable = (i: number) => `Paging post ${i}: keysetword ${'keysetword '.repeat(i % 3)}${i % 2 ? '#paging' : ''}`;

async function expectEveryPostOnceBothWays(list: PagedList, want: string[], size = 3) {
  expect(want.length).toBeGreaterThan(size);
  expect(await walk(list, 'forward', size)).toEqual(want);
  expect(await walk(list, 'backward', size)).toEqual(want);
  const whole = await page(list, { first: 100 });
  expect(ids(whole)).toEqual(want);
  expect(whole.totalCount).toBe(want.length);
  expect(whole.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
}

describe('posts: every visible post once, in order, forward and backward', () => {
  for (const orderBy of ORDERS) {
    it(`${orderBy}, no filter, anonymous`, async () => {
      await expectEveryPostOnceBothWays(postsList(t, { orderBy }), await expected(orderBy, published));
    });

    it(`${orderBy}, by author, the author (drafts included)`, async () => {
      const list = postsList(t, { orderBy, filter: { authorId: writer.id } }, writer.token);
      await expectEveryPostOnceBothWays(list, await expected(orderBy, by(writer)), 4);
    });

    it(`${orderBy}, by hashtag, signed in as someone else`, async () => {
      const list = postsList(t, { orderBy, filter: { hashtag: 'paging' } }, other.token);
      await expectEveryPostOnceBothWays(list, await expected(orderBy, (r) => published(r) && r.hashtags.includes('paging')), 2);
    });
  }

  it('keeps totalCount the count of the whole list on every page', async () => {
    const list = postsList(t, { orderBy: 'MOST_ENGAGED' });
    const first = await page(list, { first: 2 });
    const later = await page(list, { first: 2, after: first.pageInfo.endCursor });
    const back = await page(list, { last: 2, before: later.pageInfo.startCursor });
    const want = await expected('MOST_ENGAGED', published);
    expect([first.totalCount, later.totalCount, back.totalCount]).toEqual([want.length, want.length, want.length]);
    expect(ids(back)).toEqual(ids(first));
  });
});

describe('User.posts: every post once, in order, forward and backward', () => {
  it('the user themself sees their drafts too', async () => {
    await expectEveryPostOnceBothWays(userPostsList(t, writer.id, writer.token), await expected('NEWEST', by(writer)));
  });

  it('anyone else sees the published ones', async () => {
    await expectEveryPostOnceBothWays(userPostsList(t, writer.id), await expected('NEWEST', (r) => by(writer)(r) && published(r)), 2);
  });

  it('filtered by status', async () => {
    const drafts = await expected('NEWEST', (r) => by(writer)(r) && r.status === 'DRAFT');
    const list = userPostsList(t, writer.id, writer.token, 'DRAFT');
    expect(await walk(list, 'forward', 2)).toEqual(drafts);
    expect(await walk(list, 'backward', 2)).toEqual(drafts);
  });
});

describe('searchPosts: every match once, in rank order, forward and backward', () => {
  it('anonymous', async () => {
    const list = searchList(t, 'keysetword');
    const ranked = ids(await page(list, { first: 100 }));
    expect(ranked.sort()).toEqual((await expected('NEWEST', published)).sort());
    await expectEveryPostOnceBothWays(list, ids(await page(list, { first: 100 })), 3);
  });

  it('signed in, with their drafts', async () => {
    const list = searchList(t, 'keysetword', writer.token);
    const ranked = ids(await page(list, { first: 100 }));
    expect(ranked).toHaveLength((await expected('NEWEST', (r) => published(r) || by(writer)(r))).length);
    await expectEveryPostOnceBothWays(list, ranked, 4);
  });
});

/** Every list with its whole content in order, for the argument-combination checks. */
async function everyList(): Promise<{ list: PagedList; want: string[] }[]> {
  const search = searchList(t, 'keysetword');
  return [
    ...(await Promise.all(ORDERS.map(async (orderBy) => ({ list: postsList(t, { orderBy }), want: await expected(orderBy, published) })))),
    { list: userPostsList(t, writer.id, writer.token), want: await expected('NEWEST', by(writer)) },
    { list: search, want: ids(await page(search, { first: 100 })) },
  ];
}

describe('the argument combinations of every connection', () => {
  it('`last: n` alone is the last n of the list', async () => {
    for (const { list, want } of await everyList()) {
      const p = await page(list, { last: 2 });
      expect(ids(p), list.name).toEqual(want.slice(-2));
      expect(p.pageInfo, list.name).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const all = await page(list, { last: 100 });
      expect(ids(all), list.name).toEqual(want);
      expect(all.pageInfo, list.name).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
    }
  });

  it('`last` + `before`, `first` + `after`, and both cursors at once', async () => {
    for (const { list, want } of await everyList()) {
      const whole = await page(list, { first: 100 });
      const cursor = (i: number) => whole.edges[i]!.cursor;
      const before = await page(list, { last: 2, before: cursor(5) });
      expect(ids(before), list.name).toEqual(want.slice(3, 5));
      expect(before.pageInfo, list.name).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const head = await page(list, { last: 3, before: cursor(2) });
      expect(ids(head), list.name).toEqual(want.slice(0, 2));
      expect(head.pageInfo.hasPreviousPage, list.name).toBe(false);
      const after = await page(list, { first: 2, after: cursor(1) });
      expect(ids(after), list.name).toEqual(want.slice(2, 4));
      // Read forward, hasPreviousPage is the cheap answer Relay allows: true after a cursor.
      expect(after.pageInfo, list.name).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const tail = await page(list, { first: 5, after: cursor(want.length - 3) });
      expect(ids(tail), list.name).toEqual(want.slice(-2));
      expect(tail.pageInfo.hasNextPage, list.name).toBe(false);
      const between = await page(list, { first: 10, after: cursor(1), before: cursor(5) });
      expect(ids(between), list.name).toEqual(want.slice(2, 5));
      const lastBetween = await page(list, { last: 2, after: cursor(0), before: cursor(5) });
      expect(ids(lastBetween), list.name).toEqual(want.slice(3, 5));
      const firstBefore = await page(list, { first: 2, before: cursor(5) });
      expect(ids(firstBefore), list.name).toEqual(want.slice(0, 2));
      const lastAfter = await page(list, { last: 2, after: cursor(1) });
      expect(ids(lastAfter), list.name).toEqual(want.slice(-2));
      expect(lastAfter.pageInfo.hasNextPage, list.name).toBe(false);
    }
  });

  it('takes the explicit nulls Relay sends for the unused direction', async () => {
    for (const { list, want } of await everyList()) {
      const forward = await page(list, { first: 2, after: null, last: null, before: null });
      expect(ids(forward), list.name).toEqual(want.slice(0, 2));
      const next = await page(list, { first: 2, after: forward.pageInfo.endCursor, last: null, before: null });
      expect(ids(next), list.name).toEqual(want.slice(2, 4));
      const back = await page(list, { first: null, after: null, last: 2, before: next.pageInfo.startCursor });
      expect(ids(back), list.name).toEqual(want.slice(0, 2));
    }
  });

  it('refuses `first` and `last` together, naming `last`', async () => {
    for (const { list } of await everyList()) await expectBadArgument(list, { first: 2, last: 2 }, 'last');
  });

  it('answers an empty list with no cursors and no pages either way', async () => {
    const nobody = await signUp('Nobody');
    for (const list of [postsList(t, { filter: { authorId: nobody.id } }), userPostsList(t, nobody.id), searchList(t, 'nonexistentwordzz')]) {
      for (const args of [{ first: 3 }, { last: 3 }]) {
        const p = await page(list, args);
        expect(p.edges, list.name).toEqual([]);
        expect(p.pageInfo, list.name).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
      }
    }
  });
});

describe('malformed cursors', () => {
  const garbage = ['not a cursor', 'bm9wZQ', Buffer.from('{"v":1}').toString('base64url'), Buffer.from('[1,"NEWEST",1,"x"]').toString('base64url'), ''];

  it('are BAD_USER_INPUT naming the argument, on every connection', async () => {
    for (const { list } of await everyList()) {
      for (const cursor of garbage.filter(Boolean)) {
        await expectBadArgument(list, { first: 2, after: cursor }, 'after');
        await expectBadArgument(list, { last: 2, before: cursor }, 'before');
      }
    }
  });

  it('refuses keys no post can have, rather than failing in the database', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const forged = (payload: unknown[]) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const cases: [PagedList, unknown[]][] = [
      [postsList(t, {}), [1, 'NEWEST', -8.64e15, id]],
      [postsList(t, { orderBy: 'OLDEST' }), [1, 'OLDEST', 8.64e15, id]],
      [postsList(t, { orderBy: 'MOST_ENGAGED' }), [1, 'MOST_ENGAGED', 2 ** 40, 0, id]],
      [postsList(t, { orderBy: 'MOST_ENGAGED' }), [1, 'MOST_ENGAGED', 1.5, 0, id]],
      [userPostsList(t, writer.id), [1, 'NEWEST', '0', id]],
      [searchList(t, 'keysetword'), [1, 'SEARCH', 0.1, -8.64e15, id]],
    ];
    for (const [list, payload] of cases) await expectBadArgument(list, { first: 1, after: forged(payload) }, 'after');
  });

  it("refuses a cursor from another list's order", async () => {
    const newest = await page(postsList(t, { orderBy: 'NEWEST' }), { first: 1 });
    const search = await page(searchList(t, 'keysetword'), { first: 1 });
    await expectBadArgument(postsList(t, { orderBy: 'MOST_ENGAGED' }), { first: 1, after: newest.pageInfo.endCursor }, 'after');
    await expectBadArgument(postsList(t, { orderBy: 'OLDEST' }), { last: 1, before: newest.pageInfo.endCursor }, 'before');
    await expectBadArgument(postsList(t, {}), { first: 1, after: search.pageInfo.endCursor }, 'after');
    await expectBadArgument(searchList(t, 'keysetword'), { first: 1, after: newest.pageInfo.endCursor }, 'after');
  });

  it('a cursor of this API is opaque: base64url of a versioned payload', async () => {
    const p = await page(postsList(t, {}), { first: 1 });
    expect(p.pageInfo.endCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('a cursor outlives the post it points at', () => {
  let author: { token: string; id: string };

  /** A fresh author's eight published posts (the newest minutes tie), in their NEWEST order. */
  async function freshPosts(specs: PostSpec[] = [0, 1, 2, 3, 3, 4, 5, 6].map((minute, i) => ({ minute, engagements: [5, 2, 5, 9, 0, 2, 7, 1][i] }))) {
    author = await signUp('Deleter');
    return seedPosts(author, specs);
  }

  const remove = async (id: string) => {
    const { errors } = await t.gql(DELETE, { id }, { token: author.token });
    expect(errors).toBeUndefined();
  };

  /** First page forward; its last post and the one after it go; the rest still follows. */
  async function deleteAheadForward(list: PagedList, want: string[]) {
    const first = await page(list, { first: 3 });
    expect(ids(first)).toEqual(want.slice(0, 3));
    await remove(want[2]!);
    await remove(want[3]!);
    expect(await walk(list, 'forward', 2, first.pageInfo.endCursor)).toEqual(want.slice(4));
  }

  /** Last page backward; its first post and the one before it go; the rest still comes before. */
  async function deleteAheadBackward(list: PagedList, want: string[]) {
    const last = await page(list, { last: 3 });
    expect(ids(last)).toEqual(want.slice(-3));
    await remove(want.at(-3)!);
    await remove(want.at(-4)!);
    expect(await walk(list, 'backward', 2, last.pageInfo.startCursor)).toEqual(want.slice(0, -4));
  }

  for (const orderBy of ORDERS) {
    it(`posts ${orderBy}, forward`, async () => {
      await freshPosts();
      await deleteAheadForward(postsList(t, { orderBy, filter: { authorId: author.id } }), await expected(orderBy, by(author)));
    });

    it(`posts ${orderBy}, backward`, async () => {
      await freshPosts();
      await deleteAheadBackward(postsList(t, { orderBy, filter: { authorId: author.id } }, author.token), await expected(orderBy, by(author)));
    });
  }

  it('User.posts, forward and backward', async () => {
    await freshPosts();
    await deleteAheadForward(userPostsList(t, author.id), await expected('NEWEST', by(author)));
    await freshPosts();
    await deleteAheadBackward(userPostsList(t, author.id, author.token), await expected('NEWEST', by(author)));
  });

  for (const direction of ['forward', 'backward'] as const) {
    it(`searchPosts, ${direction}`, async () => {
      const word = `quokka${direction}`;
      const posts = await freshPosts([0, 1, 2, 3, 4, 5, 6, 7].map((minute, i) => ({ minute, content: `${word} ${`${word} `.repeat(i % 3)}` })));
      const list = searchList(t, word);
      const ranked = ids(await page(list, { first: 100 }));
      expect([...ranked].sort()).toEqual([...posts].sort());
      await (direction === 'forward' ? deleteAheadForward : deleteAheadBackward)(list, ranked);
    });
  }

  it('MOST_ENGAGED with posts that have no totals row yet', async () => {
    await freshPosts([0, 1, 2, 3, 4, 5].map((minute, i) => ({ minute, engagements: [4, null, 4, null, 0, 9][i] })));
    const list = postsList(t, { orderBy: 'MOST_ENGAGED', filter: { authorId: author.id } });
    const want = await expected('MOST_ENGAGED', by(author));
    expect(await walk(list, 'forward', 2)).toEqual(want);
    expect(await walk(list, 'backward', 2)).toEqual(want);
  });
});
