import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePostDocument, LogInDocument, MeDocument, SignUpDocument, UserPostsDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const input = (email: string) => ({ email, password: 'correct horse battery', name: 'Grace Hopper', headline: 'Rear admiral' });

describe('sign up and log in', () => {
  it('signs up, returns a token that works, and shows the new user their own email', async () => {
    const { data, errors } = await t.gql(SignUpDocument, { input: input('Grace@Example.com') });
    expect(errors).toBeUndefined();
    expect(data?.signUp.user).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
    const me = await t.gql(MeDocument, {}, { token: data!.signUp.token });
    expect(me.data?.me).toMatchObject({ id: data!.signUp.user.id, email: 'grace@example.com', headline: 'Rear admiral' });
  });

  it('refuses a second account with the same email (any case) with CONFLICT', async () => {
    await t.gql(SignUpDocument, { input: input('dup@example.com') });
    const again = await t.gql(SignUpDocument, { input: input('DUP@example.com') });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('logs in with the right password', async () => {
    await t.gql(SignUpDocument, { input: input('login@example.com') });
    const { data } = await t.gql(LogInDocument, { input: { email: 'login@example.com', password: 'correct horse battery' } });
    expect(data?.logIn.user.email).toBe('login@example.com');
    expect(data?.logIn.token.split('.')).toHaveLength(3);
  });

  it('gives a wrong password and an unknown email the same error', async () => {
    await t.gql(SignUpDocument, { input: input('same@example.com') });
    const wrong = await t.gql(LogInDocument, { input: { email: 'same@example.com', password: 'wrong password!' } });
    const unknown = await t.gql(LogInDocument, { input: { email: 'nobody@example.com', password: 'wrong password!' } });
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.data).toBeNull();
  });

  it('validates sign-up input with the invalid fields named', async () => {
    const { errors } = await t.gql(SignUpDocument, { input: { email: 'not-an-email', password: 'short', name: '' } });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (errors![0]!.extensions!.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['input.email', 'input.name', 'input.password']);
  });

  it('never stores the password in plain text', async () => {
    await t.gql(SignUpDocument, { input: input('hash@example.com') });
    const user = await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'hash@example.com' } });
    expect(user.passwordHash).not.toContain('correct horse battery');
    expect(user.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe('me and user visibility', () => {
  it('is null without a token', async () => {
    const { data, errors } = await t.gql(MeDocument);
    expect(errors).toBeUndefined();
    expect(data?.me).toBeNull();
  });

  it("hides a user's email from everyone but themself", async () => {
    const alice = await t.signUp('Alice');
    const bob = await t.signUp('Bob');
    const asBob = await t.gql(UserPostsDocument, { id: alice.id }, { token: bob.token });
    expect(asBob.data?.node).toMatchObject({ name: 'Alice', email: null });
    const asAlice = await t.gql(UserPostsDocument, { id: alice.id }, { token: alice.token });
    expect(asAlice.data?.node).toMatchObject({ name: 'Alice', email: alice.email });
  });
});

describe('tokens', () => {
  const createPost = (headers: { token?: string; headers?: Record<string, string> }) =>
    t.gql(CreatePostDocument, { input: { content: 'needs a session' } }, headers);

  // A client that always attaches its stored token must still be able to read public data and log in again.
  it('refuses a forged token with 401 UNAUTHENTICATED where a session is needed, and reads public data anonymously', async () => {
    const { token } = await t.signUp();
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const write = await createPost({ token: forged });
    expect(write.status).toBe(401);
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(write.errors?.[0]?.message).toMatch(/log in again/);
    const read = await t.gql(MeDocument, {}, { token: forged });
    expect(read.status).toBe(200);
    expect(read.errors).toBeUndefined();
    expect(read.data?.me).toBeNull();
  });

  it('says an expired token has expired, and still lets its holder log in', async () => {
    const { SignJWT } = await import('jose');
    const expired = await new SignJWT({ scope: '' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user:00000000-0000-0000-0000-000000000000')
      .setIssuer('linkedin-posts-api')
      .setAudience('linkedin-posts-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(t.app.config.auth.secretKey));
    const write = await createPost({ token: expired });
    expect(write.status).toBe(401);
    expect(write.errors?.[0]?.message).toMatch(/expired.*log in again/);
    await t.gql(SignUpDocument, { input: input('expired@example.com') });
    const again = await t.gql(LogInDocument, { input: { email: 'expired@example.com', password: 'correct horse battery' } }, { token: expired });
    expect(again.errors).toBeUndefined();
    expect(again.data?.logIn.token).toEqual(expect.any(String));
  });

  it('refuses an Authorization header that is not a bearer token where a session is needed', async () => {
    const write = await createPost({ headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(write.status).toBe(401);
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
