import { createHash } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MEMBER } from '../fakes/linkedin-server.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

const CONNECT = 'mutation { connectLinkedIn { url expiresAt } }';

/** What connectLinkedIn gives the browser that asked: the LinkedIn URL, and the cookie its response set. */
async function startFlow(p: PublishingTestApp, token: string) {
  const started = await p.t.gql<{ connectLinkedIn: { url: string } }>(CONNECT, {}, { token });
  expect(started.errors).toBeUndefined();
  const setCookies = started.headers.getSetCookie();
  return { url: started.data!.connectLinkedIn.url, setCookies, cookie: setCookies[0]?.split(';')[0] };
}

const accountsOf = (p: PublishingTestApp, userGlobalId: string) => p.t.app.db.prisma.linkedInAccount.count({ where: { userId: rawId(userGlobalId) } });
const tokenRequests = (p: PublishingTestApp) => p.fake.requests.filter((r) => r.path === '/oauth/v2/accessToken');

describe('the OAuth state is bound to the browser that started connectLinkedIn', () => {
  let p: PublishingTestApp;
  beforeAll(async () => {
    p = await createPublishingTestApp();
    await p.t.listen();
  });
  afterAll(() => p?.close());

  it("sets an HttpOnly, SameSite=Lax cookie scoped to the callback path (not Secure over this test's plain http)", async () => {
    const author = await p.t.signUp('Cookie');
    const { setCookies } = await startFlow(p, author.token);
    expect(setCookies).toHaveLength(1);
    const [pair, ...attributes] = setCookies[0]!.split(/;\s*/);
    expect(pair).toMatch(/^lpa_linkedin_oauth=[\w-]{43}$/);
    expect(attributes.map((a) => a.toLowerCase()).sort()).toEqual(['httponly', 'max-age=600', 'path=/auth/linkedin/callback', 'samesite=lax']);
  });

  it("refuses the attacker's link completed in the victim's browser (no cookie): 400, nothing stored, the code not even exchanged", async () => {
    const attacker = await p.t.signUp('Attacker');
    const { url } = await startFlow(p, attacker.token);
    const exchanges = tokenRequests(p).length;
    const callback = await p.consentAndReturn(url);
    expect(callback.status).toBe(400);
    expect(await callback.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/another browser/) } });
    expect(await accountsOf(p, attacker.id)).toBe(0);
    expect(tokenRequests(p)).toHaveLength(exchanges);
  });

  it("refuses it too when the victim's browser holds a cookie of its own flow", async () => {
    const attacker = await p.t.signUp('Attacker 2');
    const victim = await p.t.signUp('Victim');
    const { url } = await startFlow(p, attacker.token);
    const victims = await startFlow(p, victim.token);
    const callback = await p.consentAndReturn(url, victims.cookie);
    expect(callback.status).toBe(400);
    expect((await callback.json()) as object).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect(await accountsOf(p, attacker.id)).toBe(0);
    expect(await accountsOf(p, victim.id)).toBe(0);
  });

  it('connects the account in the browser that started the flow, and clears the cookie', async () => {
    const author = await p.t.signUp('Owner');
    const { url, cookie } = await startFlow(p, author.token);
    const callback = await p.consentAndReturn(url, cookie);
    expect(callback.status).toBe(200);
    expect(await callback.json()).toMatchObject({ linkedInAccount: { urn: `urn:li:person:${DEFAULT_MEMBER.sub}` } });
    expect(await accountsOf(p, author.id)).toBe(1);
    const cleared = callback.headers.getSetCookie();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(/^lpa_linkedin_oauth=;/);
    expect(cleared[0]!.toLowerCase()).toContain('max-age=0');
    expect(cleared[0]!.toLowerCase()).toContain('path=/auth/linkedin/callback');
  });

  it('clears the cookie on a refusal as well', async () => {
    const author = await p.t.signUp('Refused');
    const { url, cookie } = await startFlow(p, author.token);
    const tampered = new URL(url);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')!.slice(0, -2)}xx`);
    const callback = await p.consentAndReturn(tampered.toString(), cookie);
    expect(callback.status).toBe(400);
    expect(callback.headers.getSetCookie()[0]).toMatch(/^lpa_linkedin_oauth=;.*Max-Age=0/i);
  });

  it('refuses connectLinkedIn over a WebSocket, which has no response to carry the cookie', async () => {
    const author = await p.t.signUp('Socket');
    const client = createClient({
      url: `${p.t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${author.token}` },
      retryAttempts: 0,
    });
    try {
      const result = await client.iterate({ query: CONNECT }).next();
      expect(result.value).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/over HTTP/) }] });
    } finally {
      await client.dispose();
    }
  });

  it('does not send PKCE parameters unless LINKEDIN_PKCE is on', async () => {
    const author = await p.t.signUp('No PKCE');
    const { url } = await startFlow(p, author.token);
    expect(new URL(url).searchParams.has('code_challenge')).toBe(false);
  });
});

describe('PKCE (LINKEDIN_PKCE=true)', () => {
  let p: PublishingTestApp;
  beforeAll(async () => {
    p = await createPublishingTestApp({ LINKEDIN_PKCE: 'true' });
    await p.t.listen();
  });
  afterAll(() => p?.close());

  it('sends an S256 code_challenge and, at the exchange, the verifier kept on the server', async () => {
    const author = await p.t.signUp('Pkce');
    const { url, cookie } = await startFlow(p, author.token);
    const challenge = new URL(url).searchParams.get('code_challenge');
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect(url).not.toMatch(/code_verifier/);

    const callback = await p.consentAndReturn(url, cookie);
    expect(callback.status).toBe(200);
    const verifier = new URLSearchParams(tokenRequests(p).at(-1)!.body).get('code_verifier')!;
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    expect(await accountsOf(p, author.id)).toBe(1);
    expect(await p.t.app.db.prisma.linkedInOAuthFlow.count({ where: { userId: rawId(author.id) } })).toBe(0);
  });

  it('a state whose verifier was used already is refused', async () => {
    const author = await p.t.signUp('Replay');
    const { url, cookie } = await startFlow(p, author.token);
    const consent = await fetch(url, { redirect: 'manual' });
    const search = new URL(consent.headers.get('location')!).search;
    const first = await fetch(`${p.t.url}/auth/linkedin/callback${search}`, { headers: { cookie: cookie! } });
    expect(first.status).toBe(200);
    const again = await fetch(`${p.t.url}/auth/linkedin/callback${search}`, { headers: { cookie: cookie! } });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
  });
});
