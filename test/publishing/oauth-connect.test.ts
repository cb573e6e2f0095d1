import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEMBER } from '../fakes/linkedin-server.js';
import { createPublishingTestApp, type PublishingTestApp, REDIRECT_URI } from './publishing-app.js';

let p: PublishingTestApp;
let base: string;
beforeAll(async () => {
  p = await createPublishingTestApp();
  base = await p.t.listen();
});
afterAll(() => p?.close());

const CONNECT = 'mutation { connectLinkedIn { url expiresAt } }';
const ACCOUNTS = '{ me { linkedInAccounts { id urn name kind status expiresAt } } }';

/** The cookie connectLinkedIn's response set, as the browser sends it back. */
const cookieOf = (response: { headers: Headers }) => response.headers.getSetCookie()[0]!.split(';')[0]!;

/** The stored columns as PostgreSQL has them, read through the app's own connection. */
async function storedTokens(urn: string) {
  return p.t.app.db.prisma.linkedInAccount.findFirstOrThrow({ where: { urn }, select: { accessTokenEncrypted: true, refreshTokenEncrypted: true } });
}

describe('connecting a LinkedIn account (OAuth 2.0 code flow against the fake)', () => {
  it('start URL → consent → callback stores the member with the token encrypted', async () => {
    const author = await p.t.signUp('Ada');
    const started = await p.t.gql(CONNECT, {}, { token: author.token });
    expect(started.errors).toBeUndefined();
    const url = new URL(started.data!.connectLinkedIn.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${p.fake.url}/oauth/v2/authorization`);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(url.searchParams.get('scope')).toBe('openid profile w_member_social');

    const callback = await p.consentAndReturn(url.toString(), cookieOf(started));
    expect(callback.status).toBe(200);
    const body = (await callback.json()) as { linkedInAccount: Record<string, string> };
    expect(body.linkedInAccount).toMatchObject({ urn: `urn:li:person:${DEFAULT_MEMBER.sub}`, name: 'Ada Lovelace', status: 'CONNECTED' });
    expect(JSON.stringify(body)).not.toMatch(/AQ[A-Za-z0-9_-]{20,}/);

    const accounts = await p.t.gql(ACCOUNTS, {}, { token: author.token });
    expect(accounts.data!.me.linkedInAccounts).toEqual([
      expect.objectContaining({ id: body.linkedInAccount.id, urn: `urn:li:person:${DEFAULT_MEMBER.sub}`, kind: 'PERSON', status: 'CONNECTED' }),
    ]);

    const tokenRequest = p.fake.requests.find((r) => r.path === '/oauth/v2/accessToken')!;
    const userinfo = p.fake.requests.filter((r) => r.path === '/v2/userinfo').at(-1)!;
    const issued = String(userinfo.headers.authorization).replace('Bearer ', '');
    expect(tokenRequest).toBeDefined();
    const stored = await storedTokens(`urn:li:person:${DEFAULT_MEMBER.sub}`);
    expect(stored.accessTokenEncrypted).toMatch(/^v1\./);
    expect(stored.accessTokenEncrypted).not.toContain(issued);
    expect(stored.refreshTokenEncrypted).toMatch(/^v1\./);
    if (p.t.backend === 'postgres') {
      const client = new pg.Client({ connectionString: p.t.env.DATABASE_URL });
      await client.connect();
      const { rows } = await client.query('SELECT * FROM linkedin_accounts');
      await client.end();
      expect(JSON.stringify(rows)).not.toContain(issued);
    }

    const published = await p.t.gql(
      'mutation ($content: String!) { createPost(input: { content: $content }) { id } }',
      { content: 'Connected through OAuth' },
      { token: author.token },
    );
    const sent = await p.t.gql('mutation ($id: ID!) { publishPost(id: $id) { status } }', { id: published.data!.createPost.id }, { token: author.token });
    expect(sent.data!.publishPost.status).toBe('PUBLISHING');
    expect((await p.settle(published.data!.createPost.id)).status).toBe('PUBLISHED');
  });

  it('refuses a forged or tampered state', async () => {
    const author = await p.t.signUp('Bo');
    const started = await p.t.gql(CONNECT, {}, { token: author.token });
    const url = new URL(started.data!.connectLinkedIn.url);
    const state = url.searchParams.get('state')!;
    url.searchParams.set('state', `${state.slice(0, -2)}xx`);
    const callback = await p.consentAndReturn(url.toString(), cookieOf(started));
    expect(callback.status).toBe(400);
    expect(await callback.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect(p.fake.requests.filter((r) => r.path === '/oauth/v2/accessToken')).toHaveLength(1);
  });

  it("reports LinkedIn's own refusal (user cancelled) and a missing code", async () => {
    const cancelled = await fetch(`${base}/auth/linkedin/callback?error=user_cancelled_authorize&error_description=The+user+cancelled`);
    expect(cancelled.status).toBe(400);
    expect(await cancelled.json()).toMatchObject({ error: { message: expect.stringMatching(/The user cancelled/) } });
    const missing = await fetch(`${base}/auth/linkedin/callback?state=x`);
    expect(missing.status).toBe(400);
  });

  it('needs a signed-in user to start, and disconnect forgets the account', async () => {
    const anonymous = await p.t.gql(CONNECT);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const author = await p.t.signUp('Cy');
    await p.connect(author.id);
    const listed = await p.t.gql(ACCOUNTS, {}, { token: author.token });
    const id = listed.data!.me.linkedInAccounts[0].id;
    const stranger = await p.t.signUp('Di');
    const notTheirs = await p.t.gql('mutation ($id: ID!) { disconnectLinkedIn(id: $id) }', { id }, { token: stranger.token });
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const gone = await p.t.gql('mutation ($id: ID!) { disconnectLinkedIn(id: $id) }', { id }, { token: author.token });
    expect(gone.data!.disconnectLinkedIn).toBe(id);
    expect((await p.t.gql(ACCOUNTS, {}, { token: author.token })).data!.me.linkedInAccounts).toEqual([]);
  });
});
