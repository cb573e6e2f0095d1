import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkedInApiError } from '../../src/modules/publishing/linkedin-api-error.js';
import { authorizationUrl, createPkcePair, exchangeCode, fetchMember } from '../../src/modules/publishing/oauth.js';
import { oauthCookies } from '../../src/modules/publishing/oauth-cookie.js';
import { signState, verifyBrowser, verifyState } from '../../src/modules/publishing/oauth-state.js';
import { requestCookie, serializeCookie } from '../../src/shared/cookies.js';
import { DEFAULT_MEMBER, type FakeLinkedIn, startFakeLinkedIn } from '../fakes/linkedin-server.js';

const redirectUri = 'http://127.0.0.1:4000/linkedin/callback';
const secret = 'state-secret-0123456789abcdef0123456789';
let fake: FakeLinkedIn;

beforeAll(async () => {
  fake = await startFakeLinkedIn();
});
afterAll(() => fake.close());

/** Plays the member consenting on LinkedIn's page: follow the authorization URL to the redirect. */
async function consent(state: string, codeChallenge?: string) {
  const url = authorizationUrl({
    clientId: fake.clientId,
    redirectUri,
    state,
    scopes: ['openid', 'profile', 'w_member_social'],
    authorizationUrl: `${fake.url}/oauth/v2/authorization`,
    codeChallenge,
  });
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

const exchange = (code: string, overrides: Partial<Parameters<typeof exchangeCode>[0]> = {}) =>
  exchangeCode({
    code,
    redirectUri,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    tokenUrl: `${fake.url}/oauth/v2/accessToken`,
    ...overrides,
  });

describe('LinkedIn OAuth code flow', () => {
  it('builds the documented authorization URL', () => {
    const url = new URL(authorizationUrl({ clientId: 'cid', redirectUri, state: 's.t', scopes: ['openid', 'w_member_social'] }));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/oauth/v2/authorization');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: redirectUri,
      state: 's.t',
      scope: 'openid w_member_social',
    });
  });

  it('runs end to end: consent, state check, code exchange, member lookup', async () => {
    const state = signState({ userId: 'user-1', secret });
    const callback = await consent(state);
    expect(verifyState({ state: callback.searchParams.get('state')!, secret, userId: 'user-1' }).userId).toBe('user-1');

    const now = new Date('2026-11-01T00:00:00Z');
    const tokens = await exchange(callback.searchParams.get('code')!, { now });
    expect(tokens.accessToken).toMatch(/^AQ/);
    expect(tokens.expiresAt.toISOString()).toBe(new Date(now.getTime() + 5_183_999_000).toISOString());
    expect(tokens.refreshToken).toMatch(/^AQX/);
    expect(tokens.refreshTokenExpiresAt!.getTime()).toBe(now.getTime() + 31_535_999_000);
    expect(tokens.scope).toContain('w_member_social');

    const tokenRequest = fake.requests.find((r) => r.path === '/oauth/v2/accessToken')!;
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      redirect_uri: redirectUri,
    });

    const member = await fetchMember({ accessToken: tokens.accessToken, apiBaseUrl: fake.url });
    expect(member).toEqual({
      urn: `urn:li:person:${DEFAULT_MEMBER.sub}`,
      name: 'Ada Lovelace',
      email: DEFAULT_MEMBER.email,
      picture: expect.stringContaining(DEFAULT_MEMBER.sub),
    });
  });

  it('refuses a code used twice, a wrong redirect URI and a wrong client secret', async () => {
    const code = (await consent('s')).searchParams.get('code')!;
    await exchange(code);
    await expect(exchange(code)).rejects.toMatchObject({ status: 400, category: 'client', code: 'invalid_request' });

    const other = (await consent('s')).searchParams.get('code')!;
    await expect(exchange(other, { redirectUri: 'http://127.0.0.1:4000/elsewhere' })).rejects.toThrow(/redirect uri/);
    await expect(exchange(other, { clientSecret: 'nope' })).rejects.toMatchObject({ status: 401, code: 'invalid_client' });
  });

  it('adds an S256 code_challenge to the authorization URL with PKCE', () => {
    const { verifier, challenge } = createPkcePair();
    expect(verifier).toMatch(/^[\w-]{43}$/);
    const url = new URL(authorizationUrl({ clientId: 'cid', redirectUri, state: 's', scopes: ['openid'], codeChallenge: challenge }));
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(createPkcePair().verifier).not.toBe(verifier);
  });

  it('with PKCE, the fake refuses an exchange without the verifier or with another one, and takes the right one', async () => {
    const { verifier, challenge } = createPkcePair();
    const code = (await consent('s', challenge)).searchParams.get('code')!;
    await expect(exchange(code)).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    await expect(exchange(code, { codeVerifier: createPkcePair().verifier })).rejects.toThrow(/code verifier does not match/);
    const tokens = await exchange(code, { codeVerifier: verifier });
    expect(tokens.accessToken).toMatch(/^AQ/);
    expect(new URLSearchParams(fake.requests.filter((r) => r.path === '/oauth/v2/accessToken').at(-1)!.body).get('code_verifier')).toBe(verifier);
  });

  it('reports a revoked token on userinfo as unauthorized', async () => {
    const error = await fetchMember({ accessToken: 'revoked', apiBaseUrl: fake.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedInApiError);
    expect(error).toMatchObject({ status: 401, category: 'unauthorized', retryable: false });
  });

  it('reports a LinkedIn outage on the token endpoint as retryable', async () => {
    fake.enqueue({ kind: 'server_error' }, 'token');
    await expect(exchange('any')).rejects.toMatchObject({ category: 'server', retryable: true });
  });
});

describe('signed OAuth state', () => {
  const now = new Date('2026-11-01T12:00:00Z');

  it('round-trips and carries a fresh nonce each time', () => {
    const a = signState({ userId: 'u1', secret, now });
    const b = signState({ userId: 'u1', secret, now });
    expect(a).not.toBe(b);
    expect(verifyState({ state: a, secret, userId: 'u1', now })).toMatchObject({ userId: 'u1', exp: now.getTime() / 1000 + 600 });
  });

  it('rejects a tampered payload or signature', () => {
    const state = signState({ userId: 'u1', secret, now });
    const [payload, signature] = state.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), userId: 'u2' })).toString('base64url');
    expect(() => verifyState({ state: `${forged}.${signature}`, secret, userId: 'u2', now })).toThrow(/tampered/);
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(() => verifyState({ state: `${payload}.${flipped}`, secret, userId: 'u1', now })).toThrow(/tampered/);
    expect(() => verifyState({ state, secret: `${secret}x`, userId: 'u1', now })).toThrow(/tampered/);
    expect(() => verifyState({ state: 'garbage', secret, userId: 'u1', now })).toThrow(/malformed/);
  });

  it('rejects an expired state and one started by another user', () => {
    const state = signState({ userId: 'u1', secret, now, ttlSeconds: 60 });
    expect(() => verifyState({ state, secret, userId: 'u1', now: new Date(now.getTime() + 60_000) })).toThrow(/expired/);
    expect(() => verifyState({ state, secret, userId: 'u2', now })).toThrow(/another user/);
  });

  it('throws BAD_USER_INPUT on the state field', () => {
    try {
      verifyState({ state: 'x.y', secret, userId: 'u1', now });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ path: 'state' }] } });
    }
  });
});

describe('the OAuth cookie', () => {
  it('is Secure where the callback is https, and clears itself on the same path', () => {
    const cookies = oauthCookies('https://api.example.com/api/auth/linkedin/callback', true);
    expect(serializeCookie(cookies.set('n0nce', 600))).toBe(
      'lpa_linkedin_oauth=n0nce; Path=/api/auth/linkedin/callback; Max-Age=600; HttpOnly; Secure; SameSite=Lax',
    );
    expect(serializeCookie(cookies.clear())).toBe('lpa_linkedin_oauth=; Path=/api/auth/linkedin/callback; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
  });

  it('is read back from a Cookie header among others', () => {
    expect(requestCookie('a=1; lpa_linkedin_oauth=n0nce; b=2', 'lpa_linkedin_oauth')).toBe('n0nce');
    expect(requestCookie('a=1', 'lpa_linkedin_oauth')).toBeUndefined();
    expect(requestCookie(undefined, 'lpa_linkedin_oauth')).toBeUndefined();
  });

  it('binds a state to the nonce of one browser', () => {
    const state = signState({ userId: 'u1', secret, browserNonce: 'mine' });
    const payload = verifyState({ state, secret, userId: 'u1' });
    expect(() => verifyBrowser(payload, 'mine')).not.toThrow();
    expect(() => verifyBrowser(payload, 'theirs')).toThrow(/another browser/);
    expect(() => verifyBrowser(payload, undefined)).toThrow(/another browser/);
    expect(() => verifyBrowser(verifyState({ state: signState({ userId: 'u1', secret }), secret, userId: 'u1' }), 'mine')).toThrow(/another browser/);
  });
});
