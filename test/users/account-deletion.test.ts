import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../src/graphql/global-id.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'correct horse battery';
const DELETE = 'mutation ($password: String!) { deleteAccount(password: $password) }';
const POST = 'query ($id: ID!) { post(id: $id) { id content author { id name } } }';
const FEED = '{ posts(first: 20) { edges { node { id author { id } } } } }';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_AUTH: '1000', GENERATION_LOCAL_CHUNK_DELAY_MS: '0' } });
});
afterAll(() => t?.close());

const rawId = (globalId: string) => decodeId(globalId).id;
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

/** A user with something in every table that refers to users: posts (published and draft), a job, a LinkedIn account and a connection under way, sessions. */
async function fullAccount(name: string) {
  const user = await t.signUp(name);
  const refreshToken = (
    await t.gql<{ logIn: { refreshToken: string } }>('mutation ($input: LogInInput!) { logIn(input: $input) { refreshToken } }', {
      input: { email: user.email, password: PASSWORD },
    })
  ).data!.logIn.refreshToken;
  const create = (content: string) =>
    t.gql<{ createPost: { id: string } }>('mutation ($c: String!) { createPost(input: { content: $c }) { id } }', { c: content }, { token: user.token });
  const published = (await create(`${name} published a post`)).data!.createPost.id;
  const draft = (await create(`${name} kept a draft`)).data!.createPost.id;
  await markPublished(t, published);
  await t.app.db.prisma.publishAttempt.create({
    data: { postId: rawId(published), number: 1, idempotencyKey: `${name}-1`, outcome: 'PUBLISHED', durationMs: 5 },
  });
  const job = await t.gql<{ generatePost: { id: string } }>(
    'mutation { generatePost(input: { topic: "hiring engineers" }) { id } }',
    {},
    { token: user.token },
  );
  expect(job.errors).toBeUndefined();
  // The job writes its draft when it finishes: counted before and after, it must have finished first.
  const jobId = decodeGlobalID(job.data!.generatePost.id).id;
  await expect
    .poll(async () => (await t.app.db.prisma.generationJob.findUnique({ where: { id: jobId } }))?.status, { timeout: 10_000, interval: 20 })
    .toMatch(/^(SUCCEEDED|FAILED|CANCELLED)$/);
  await t.app.services.linkedInAccounts.save({
    userId: rawId(user.id),
    author: { urn: `urn:li:person:${name}`, name },
    tokens: { accessToken: 'AQ-secret', expiresAt: new Date(Date.now() + 3_600_000), scope: 'w_member_social' },
  });
  await t.app.db.prisma.linkedInOAuthFlow.create({ data: { userId: rawId(user.id), codeVerifier: 'verifier', expiresAt: new Date(Date.now() + 600_000) } });
  return { ...user, refreshToken, published, draft };
}

/** Rows in every table that holds a user's data, for one user. */
async function rowsOf(userId: string) {
  const p = t.app.db.prisma;
  const posts = { authorId: userId };
  return {
    users: await p.user.count({ where: { id: userId } }),
    posts: await p.post.count({ where: posts }),
    postTotals: await p.postTotals.count({ where: { post: posts } }),
    publishAttempts: await p.publishAttempt.count({ where: { post: posts } }),
    generationJobs: await p.generationJob.count({ where: { userId } }),
    linkedInAccounts: await p.linkedInAccount.count({ where: { userId } }),
    linkedInOAuthFlows: await p.linkedInOAuthFlow.count({ where: { userId } }),
    sessions: await p.session.count({ where: { userId } }),
    refreshTokens: await p.refreshToken.count({ where: { session: { userId } } }),
  };
}

describe('deleteAccount', () => {
  it('deletes the user and everything of theirs, and nobody else’s', async () => {
    const leaving = await fullAccount('Leaving');
    const staying = await fullAccount('Staying');
    const before = await rowsOf(rawId(leaving.id));
    for (const [table, count] of Object.entries(before)) expect(count, table).toBeGreaterThan(0);
    const stayingBefore = await rowsOf(rawId(staying.id));

    const deleted = await t.gql(DELETE, { password: PASSWORD }, { token: leaving.token });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data).toEqual({ deleteAccount: leaving.id });

    expect(Object.values(await rowsOf(rawId(leaving.id))).every((count) => count === 0)).toBe(true);
    expect(await rowsOf(rawId(staying.id))).toEqual(stayingBefore);
  });

  it("answers every operation needing a session with the deleted user's tokens UNAUTHENTICATED, never INTERNAL_SERVER_ERROR", async () => {
    const gone = await fullAccount('Gone');
    await t.gql(DELETE, { password: PASSWORD }, { token: gone.token });
    const operations = [
      'mutation { createPost(input: { content: "after" }) { id } }',
      `mutation { updatePost(id: "${gone.draft}", input: { content: "x" }) { id } }`,
      `mutation { deletePost(id: "${gone.draft}") }`,
      'mutation { generatePost(input: { topic: "ghosts" }) { id } }',
      'mutation { connectLinkedIn { url } }',
      'mutation { logOutEverywhere }',
      `mutation { changePassword(currentPassword: "${PASSWORD}", newPassword: "another long one") }`,
      `mutation { deleteAccount(password: "${PASSWORD}") }`,
    ];
    for (const query of operations) {
      const response = await t.gql(query, {}, { token: gone.token });
      expect([response.status, response.errors], query).toEqual([401, expect.anything()]);
      expect(code(response), query).toBe('UNAUTHENTICATED');
    }
    // Public reads go on anonymously, so a client holding the dead token can still show the sign-in page.
    const me = await t.gql('{ me { id } }', {}, { token: gone.token });
    expect([me.status, me.errors, me.data]).toEqual([200, undefined, { me: null }]);
    const feed = await t.gql(FEED, {}, { token: gone.token });
    expect([feed.status, feed.errors]).toEqual([200, undefined]);
    const refreshed = await t.gql('mutation ($r: String!) { refreshSession(refreshToken: $r) { token } }', { r: gone.refreshToken });
    expect(code(refreshed)).toBe('UNAUTHENTICATED');
  });

  it('a token whose user vanished without its session being ended (deleted elsewhere) gets UNAUTHENTICATED on writes', async () => {
    const vanished = await t.signUp('Vanished');
    await t.app.db.prisma.user.delete({ where: { id: rawId(vanished.id) } });
    for (const query of ['mutation { createPost(input: { content: "orphan" }) { id } }', 'mutation { generatePost(input: { topic: "orphans" }) { id } }']) {
      const response = await t.gql(query, {}, { token: vanished.token });
      expect(code(response), query).toBe('UNAUTHENTICATED');
    }
    expect((await t.gql('{ me { id } }', {}, { token: vanished.token })).data).toEqual({ me: null });
  });

  it('drops cached answers that showed their posts', async () => {
    const author = await fullAccount('Cached');
    const reader = await t.signUp('Reader');
    const read = () => t.gql<{ post: { id: string } | null }>(POST, { id: author.published }, { token: reader.token });
    expect((await read()).data?.post?.id).toBe(author.published);
    const hit = await read();
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect((await t.gql<{ posts: { edges: { node: { id: string } }[] } }>(FEED)).data!.posts.edges.map((e) => e.node.id)).toContain(author.published);

    await t.gql(DELETE, { password: PASSWORD }, { token: author.token });

    const after = await read();
    expect(after.data).toEqual({ post: null });
    const feed = await t.gql<{ posts: { edges: { node: { id: string } }[] } }>(FEED);
    expect(feed.data!.posts.edges.map((e) => e.node.id)).not.toContain(author.published);
    const node = await t.gql(`{ node(id: "${author.id}") { id } }`);
    expect(node.data).toEqual({ node: null });
  });

  it('refuses a wrong password as BAD_USER_INPUT and deletes nothing; the email can sign up again afterwards', async () => {
    const careful = await fullAccount('Careful');
    const before = await rowsOf(rawId(careful.id));
    const wrong = await t.gql(DELETE, { password: 'not my password' }, { token: careful.token });
    expect(code(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.extensions?.fields).toEqual([{ path: 'password', message: expect.any(String) }]);
    expect((await rowsOf(rawId(careful.id))).users).toBe(1);
    expect((await rowsOf(rawId(careful.id))).linkedInAccounts).toBe(before.linkedInAccounts);

    await t.gql(DELETE, { password: PASSWORD }, { token: careful.token });
    const again = await t.gql('mutation ($e: String!) { signUp(input: { email: $e, password: "a new beginning", name: "Again" }) { token } }', {
      e: careful.email,
    });
    expect(again.errors).toBeUndefined();
  });
});
