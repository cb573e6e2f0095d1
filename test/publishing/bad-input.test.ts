import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishingTestApp, PUBLISHING_FIELDS, type PublishingTestApp } from './publishing-app.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
});
afterAll(() => p?.close());

const PUBLISH = `mutation ($id: ID!, $accountId: ID) { publishPost(id: $id, accountId: $accountId) { id status } }`;
const SCHEDULE = `mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { ${PUBLISHING_FIELDS} } }`;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('refused before anything is sent to LinkedIn', () => {
  it('scheduling in the past or more than a year ahead', async () => {
    const author = await p.t.signUp('Ann');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    for (const at of [inSeconds(-60), inSeconds(367 * 24 * 3600)]) {
      const result = await p.t.gql(SCHEDULE, { id: postId, at }, { token: author.token });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'at' }] });
    }
  });

  it('publishing or scheduling without a connected account', async () => {
    const author = await p.t.signUp('Ben');
    const postId = await p.draft(author.token);
    const now = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(now.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'accountId' }] });
    expect(now.errors?.[0]?.message).toMatch(/Connect a LinkedIn account/);
    const later = await p.t.gql(SCHEDULE, { id: postId, at: inSeconds(3600) }, { token: author.token });
    expect(later.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("someone else's account", async () => {
    const owner = await p.t.signUp('Cat');
    const other = await p.t.signUp('Dan');
    const accountId = await p.connect(owner.id);
    const postId = await p.draft(other.token);
    const result = await p.t.gql(PUBLISH, { id: postId, accountId: Buffer.from(`LinkedInAccount:${accountId}`).toString('base64') }, { token: other.token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an expired token', async () => {
    const author = await p.t.signUp('Eve');
    await p.connect(author.id, { expiresAt: new Date(Date.now() - 1000) });
    const postId = await p.draft(author.token);
    const result = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/expired; reconnect/);
  });

  it('commentary over 3,000 characters once escaped for LinkedIn', async () => {
    const author = await p.t.signUp('Fay');
    await p.connect(author.id);
    // 2,990 characters as written, over 3,000 once every "(" and ")" is backslash-escaped.
    const postId = await p.draft(author.token, `${'(x) '.repeat(747)}ok`);
    const result = await p.t.gql(PUBLISH, { id: postId }, { token: author.token });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id' }] });
    expect(result.errors?.[0]?.message).toMatch(/characters once formatted for LinkedIn; the limit is 3000/);
    const post = await p.t.gql(`query ($id: ID!) { post(id: $id) { status } }`, { id: postId }, { token: author.token });
    expect(post.data!.post.status).toBe('DRAFT');
  });

  it('a token that expired while the post waited: fails clearly without calling LinkedIn', async () => {
    const author = await p.t.signUp('Gil');
    const accountId = await p.connect(author.id);
    const postId = await p.draft(author.token);
    const scheduled = await p.t.gql(SCHEDULE, { id: postId, at: inSeconds(1) }, { token: author.token });
    expect(scheduled.errors).toBeUndefined();
    await p.t.app.db.prisma.linkedInAccount.update({ where: { id: accountId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    await p.settle(postId);
    const post = await p.t.gql(`query ($id: ID!) { post(id: $id) { ${PUBLISHING_FIELDS} } }`, { id: postId }, { token: author.token });
    expect(post.data!.post).toMatchObject({ status: 'FAILED', publishAttempts: [{ outcome: 'FAILED', httpStatus: null }] });
    expect(post.data!.post.publishError).toMatch(/expired; reconnect/);
    const account = await p.t.app.db.prisma.linkedInAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.status).toBe('EXPIRED');
  });

  it('sent nothing at all', () => {
    expect(p.postRequests()).toEqual([]);
  });
});
