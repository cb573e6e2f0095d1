import { createClient } from 'graphql-ws';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'correct horse battery';
const SESSION = 'token refreshToken accessTokenExpiresAt refreshTokenExpiresAt user { id email }';
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${SESSION} } }`;
const REFRESH = `mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${SESSION} } }`;
const LOG_OUT = 'mutation ($refreshToken: String) { logOut(refreshToken: $refreshToken) }';
const ME = '{ me { id } }';

interface Session {
  token: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  user: { id: string; email: string };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_AUTH: '1000' } });
});
afterAll(() => t?.close());

async function logIn(email: string, password = PASSWORD): Promise<Session> {
  const { data, errors } = await t.gql<{ logIn: Session }>(LOG_IN, { input: { email, password } });
  if (!data?.logIn) throw new Error(`logIn failed: ${JSON.stringify(errors)}`);
  return data.logIn;
}

const refresh = (refreshToken: string, token?: string) => t.gql<{ refreshSession: Session }>(REFRESH, { refreshToken }, { token });
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

/** Whether the access token still works: `me` answers with it, or it is refused. */
async function works(token: string): Promise<boolean> {
  const response = await t.gql<{ me: { id: string } | null }>(ME, {}, { token });
  if (response.errors?.length) {
    expect(response.status).toBe(401);
    expect(code(response)).toBe('UNAUTHENTICATED');
    return false;
  }
  return response.data?.me !== null;
}

describe('sessions: short-lived access tokens and rotating refresh tokens', () => {
  it('signs in with a 15-minute access token (still `token`) and a refresh token', async () => {
    const { email } = await t.signUp('Lifetimes');
    const session = await logIn(email);
    const claims = decodeJwt(session.token);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.sid).toEqual(expect.any(String));
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(session.refreshToken).toMatch(/^[\w-]{43,}$/);
    const refreshLifetime = new Date(session.refreshTokenExpiresAt).getTime() - Date.now();
    expect(refreshLifetime).toBeGreaterThan(29 * 86_400_000);
    expect(refreshLifetime).toBeLessThanOrEqual(30 * 86_400_000);
    expect(await works(session.token)).toBe(true);
  });

  it('stores only a hash of the refresh token', async () => {
    const { email } = await t.signUp('Hashed');
    const session = await logIn(email);
    const userId = Buffer.from(session.user.id, 'base64').toString().split(':')[1];
    const rows = await t.app.db.prisma.refreshToken.findMany({ where: { session: { userId } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(session.refreshToken);
  });

  it('refreshSession trades a refresh token for a new pair in the same session, once', async () => {
    const { email } = await t.signUp('Rotating');
    const first = await logIn(email);
    const second = await refresh(first.refreshToken);
    expect(second.errors).toBeUndefined();
    const next = second.data!.refreshSession;
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user).toEqual(first.user);
    expect(decodeJwt(next.token).sid).toBe(decodeJwt(first.token).sid);
    expect(await works(next.token)).toBe(true);
    expect(await works(first.token)).toBe(true);
    const third = await refresh(next.refreshToken);
    expect(third.errors).toBeUndefined();
  });

  it('refuses an unknown refresh token with UNAUTHENTICATED', async () => {
    const response = await refresh('not-a-refresh-token-of-ours');
    expect(code(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });

  it('ends the whole session when a used refresh token comes back (theft)', async () => {
    const { email } = await t.signUp('Victim');
    const stolen = await logIn(email);
    // The victim's client refreshes first: the thief's copy is now a used token.
    const victim = (await refresh(stolen.refreshToken)).data!.refreshSession;
    const replay = await refresh(stolen.refreshToken);
    expect(code(replay)).toBe('UNAUTHENTICATED');
    // Neither side can go on: the family is revoked, and its access tokens stop at the next request.
    expect(code(await refresh(victim.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(victim.token)).toBe(false);
    expect(await works(stolen.token)).toBe(false);
    // Other sessions of the user are not touched.
    const elsewhere = await logIn(email);
    expect(await works(elsewhere.token)).toBe(true);
  });

  it('refreshes even when the client still sends its expired access token', async () => {
    const { email } = await t.signUp('Expired');
    const session = await logIn(email);
    const claims = decodeJwt(session.token);
    const expired = await new SignJWT({ scope: '', sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub!)
      .setIssuer('linkedin-posts-api')
      .setAudience('linkedin-posts-api')
      .setIssuedAt(claims.iat! - 3600)
      .setExpirationTime(claims.iat! - 1800)
      .sign(new TextEncoder().encode(t.app.config.auth.secretKey));
    expect(await works(expired)).toBe(false);
    const refreshed = await refresh(session.refreshToken, expired);
    expect(refreshed.errors).toBeUndefined();
    expect(await works(refreshed.data!.refreshSession.token)).toBe(true);
    // Anything else sent with the expired token is still refused as a whole.
    const mixed = await t.gql(
      'mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { token } createPost(input: { content: "x" }) { id } }',
      { refreshToken: refreshed.data!.refreshSession.refreshToken },
      { token: expired },
    );
    expect(code(mixed)).toBe('UNAUTHENTICATED');
  });

  it('refuses a user token without a session id (issued before sessions could be ended)', async () => {
    const { id } = await t.signUp('Legacy');
    const legacy = await new SignJWT({ scope: '' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`user:${Buffer.from(id, 'base64').toString().split(':')[1]}`)
      .setIssuer('linkedin-posts-api')
      .setAudience('linkedin-posts-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(t.app.config.auth.secretKey));
    expect(await works(legacy)).toBe(false);
  });
});

describe('logging out', () => {
  it('logOut ends the current session: its access token at the next request, its refresh token at once', async () => {
    const { email } = await t.signUp('Leaving');
    const session = await logIn(email);
    const other = await logIn(email);
    const out = await t.gql(LOG_OUT, {}, { token: session.token });
    expect(out.errors).toBeUndefined();
    expect(out.data).toEqual({ logOut: true });
    expect(await works(session.token)).toBe(false);
    expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(other.token)).toBe(true);
  });

  it('a WebSocket opened in the session runs nothing as that session once it ended, and cannot reconnect with its token', async () => {
    const { email } = await t.signUp('Socket');
    const session = await logIn(email);
    const connect = () =>
      createClient({
        url: `${t.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${session.token}` },
        retryAttempts: 0,
      });
    const client = connect();
    const once = (query: string) => client.iterate({ query }).next();
    // A subscription that stays open keeps this socket (graphql-ws is lazy) for the operations after logOut.
    const created = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "watched" }) { id } }', {}, { token: session.token });
    const watching = client.iterate({ query: `subscription { postStatusChanged(postId: "${created.data!.createPost.id}") { id } }` });
    void watching.next().catch(() => undefined);
    try {
      expect((await once(ME)).value).toMatchObject({ data: { me: { id: session.user.id } } });
      await t.gql(LOG_OUT, {}, { token: session.token });
      expect((await once(ME)).value).toEqual({ data: { me: null } });
      expect((await once('mutation { createPost(input: { content: "after" }) { id } }')).value).toMatchObject({
        errors: [{ message: expect.stringMatching(/log in again/), extensions: { code: 'UNAUTHENTICATED' } }],
      });
    } finally {
      await watching.return?.();
      await client.dispose();
    }
    const again = connect();
    try {
      await expect(again.iterate({ query: ME }).next()).rejects.toMatchObject({ code: 4403 });
    } finally {
      await again.dispose();
    }
  });

  it('logOut with only the refresh token (the access token expired) ends that session', async () => {
    const { email } = await t.signUp('Lapsed');
    const session = await logIn(email);
    const out = await t.gql(LOG_OUT, { refreshToken: session.refreshToken });
    expect(out.data).toEqual({ logOut: true });
    expect(await works(session.token)).toBe(false);
    expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('logOut without any credentials is UNAUTHENTICATED', async () => {
    expect(code(await t.gql(LOG_OUT, {}))).toBe('UNAUTHENTICATED');
  });

  it('logOutEverywhere ends every session of the user, the current one included', async () => {
    const { email } = await t.signUp('Everywhere');
    const [a, b] = [await logIn(email), await logIn(email)];
    const bystander = await t.signUp('Bystander');
    const out = await t.gql('mutation { logOutEverywhere }', {}, { token: a.token });
    expect(out.data).toEqual({ logOutEverywhere: true });
    for (const session of [a, b]) {
      expect(await works(session.token)).toBe(false);
      expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    }
    expect(await works(bystander.token)).toBe(true);
    expect(await works((await logIn(email)).token)).toBe(true);
  });
});

describe('changing the password', () => {
  const CHANGE = 'mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

  it('ends every other session and keeps the current one', async () => {
    const { email } = await t.signUp('Changer');
    const [current, thief] = [await logIn(email), await logIn(email)];
    const changed = await t.gql(CHANGE, { current: PASSWORD, next: 'a brand new passphrase' }, { token: current.token });
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toEqual({ changePassword: true });
    expect(await works(thief.token)).toBe(false);
    expect(code(await refresh(thief.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await works(current.token)).toBe(true);
    expect((await refresh(current.refreshToken)).errors).toBeUndefined();
    expect(code(await t.gql(LOG_IN, { input: { email, password: PASSWORD } }))).toBe('UNAUTHENTICATED');
    expect(await works((await logIn(email, 'a brand new passphrase')).token)).toBe(true);
  });

  it('refuses a wrong current password as BAD_USER_INPUT (not UNAUTHENTICATED: the session is fine) and a short new one', async () => {
    const { token } = await t.signUp('Careful');
    const wrong = await t.gql(CHANGE, { current: 'not my password', next: 'a brand new passphrase' }, { token });
    expect(code(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.extensions?.fields).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
    const short = await t.gql(CHANGE, { current: PASSWORD, next: 'short' }, { token });
    expect(code(short)).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0]?.extensions?.fields).toEqual([{ path: 'newPassword', message: expect.any(String) }]);
    expect(await works(token)).toBe(true);
  });
});

describe('refreshSession is rate limited like logIn', () => {
  it('refuses the caller past RATE_LIMIT_AUTH', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_AUTH: '3' } });
    try {
      // Sign-up spends one of the three.
      await limited.signUp('Limited');
      const codes: unknown[] = [];
      for (let i = 0; i < 3; i++) codes.push(code(await limited.gql(REFRESH, { refreshToken: `guess-${i}` })));
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });
});
