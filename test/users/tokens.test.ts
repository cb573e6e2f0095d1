import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenService as createTokenServiceWith, type RevocationCheck } from '../../src/modules/users/tokens.js';

const SECRET = 'token-test-secret-key-0123456789-0123456789';
const TOLERANCE_MS = 30_000;
const ended = new Set<string>();
const revocations: RevocationCheck = { ready: async () => {}, isRevoked: (sessionId) => ended.has(sessionId) };
// Service tokens are stored rows, verified through the API in test/users/service-tokens.test.ts.
const noServiceTokens = { isServiceToken: () => false, viewerOf: () => Promise.reject(new Error('not a service token')) };
const createTokenService = (secret: string, ttlSeconds: number, check: RevocationCheck) => createTokenServiceWith(secret, ttlSeconds, check, noServiceTokens);

/** A token with our issuer and `subject`, signed with `secret` for `audience`. */
const signed = (secret: string, audience: string, subject = 'user:u-1', claims: Record<string, string> = { scope: '' }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('linkedin-posts-api')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(secret));

describe('token verification', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps refusing a token once it expires, even after it was accepted', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z'), toFake: ['Date'] });
    const tokens = createTokenService(SECRET, 60, revocations);
    const { token, expiresAt } = await tokens.issueAccessToken('u-1', 's-1');
    expect(expiresAt.getTime()).toBe(Date.now() + 60_000);
    expect(await tokens.verify(token)).toMatchObject({ kind: 'user', userId: 'u-1', sessionId: 's-1' });

    vi.setSystemTime(Date.now() + 60_000 + TOLERANCE_MS - 1000);
    expect(await tokens.verify(token)).toMatchObject({ userId: 'u-1' });

    vi.setSystemTime(Date.now() + 1000);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
  });

  it('answers the same viewer for a token sent again, and one that cannot be changed', async () => {
    const tokens = createTokenService(SECRET, 60, revocations);
    const { token } = await tokens.issueAccessToken('u-1', 's-1');
    const first = await tokens.verify(token);
    expect(await tokens.verify(token)).toBe(first);
    expect(first).toMatchObject({ kind: 'user', userId: 'u-1' });
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a service JWT signed with our key: service tokens are stored, revocable rows', async () => {
    const tokens = createTokenService(SECRET, 60, revocations);
    const serviceJwt = await signed(SECRET, 'linkedin-posts-api', 'service:ingester', { scope: 'ingest' });
    await expect(tokens.verify(serviceJwt)).rejects.toThrow(/invalid/);
  });

  it('refuses a forged token every time, not only the first', async () => {
    const tokens = createTokenService(SECRET, 60, revocations);
    const forged = await signed('another-secret-key-0123456789-0123456789', 'linkedin-posts-api');
    for (let i = 0; i < 3; i++) await expect(tokens.verify(forged)).rejects.toThrow(/invalid/);
  });

  it('refuses a token signed for another audience although its signature is ours', async () => {
    const tokens = createTokenService(SECRET, 60, revocations);
    const other = await signed(SECRET, 'someone-else');
    await expect(tokens.verify(other)).rejects.toThrow(/invalid/);
  });

  it("refuses a verified token at the next request once its session ended, and only that session's", async () => {
    const tokens = createTokenService(SECRET, 60, revocations);
    const ending = await tokens.issueAccessToken('u-1', 's-ending');
    const staying = await tokens.issueAccessToken('u-1', 's-staying');
    expect(await tokens.verify(ending.token)).toMatchObject({ sessionId: 's-ending' });
    ended.add('s-ending');
    await expect(tokens.verify(ending.token)).rejects.toThrow(/ended/);
    expect(await tokens.verify(staying.token)).toMatchObject({ sessionId: 's-staying' });
  });

  it('answers SERVICE_UNAVAILABLE for user tokens until the ended sessions could be read', async () => {
    let reachable = false;
    const tokens = createTokenService(SECRET, 60, {
      ready: async () => {
        if (!reachable) throw new Error('database down');
      },
      isRevoked: () => false,
    });
    const { token } = await tokens.issueAccessToken('u-1', 's-1');
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    reachable = true;
    expect(await tokens.verify(token)).toMatchObject({ userId: 'u-1' });
  });
});
