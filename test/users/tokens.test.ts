import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenService } from '../../src/modules/users/tokens.js';

const SECRET = 'token-test-secret-key-0123456789-0123456789';
const TOLERANCE_MS = 30_000;

/** A token with our issuer and subject, signed with `secret` for `audience`. */
const signed = (secret: string, audience: string) =>
  new SignJWT({ scope: '' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user:u-1')
    .setIssuer('linkedin-posts-api')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(secret));

describe('token verification', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps refusing a token once it expires, even after it was accepted', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z'), toFake: ['Date'] });
    const tokens = createTokenService(SECRET, 60);
    const token = await tokens.issueUserToken('u-1');
    expect(await tokens.verify(token)).toMatchObject({ kind: 'user', userId: 'u-1' });

    vi.setSystemTime(Date.now() + 60_000 + TOLERANCE_MS - 1000);
    expect(await tokens.verify(token)).toMatchObject({ userId: 'u-1' });

    vi.setSystemTime(Date.now() + 1000);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
  });

  it('answers the same viewer for a token sent again, and one that cannot be changed', async () => {
    const tokens = createTokenService(SECRET, 60);
    const token = await tokens.issueServiceToken('ingester', ['ingest'], 60);
    const first = await tokens.verify(token);
    expect(await tokens.verify(token)).toBe(first);
    expect(first).toMatchObject({ kind: 'service', name: 'ingester' });
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a forged token every time, not only the first', async () => {
    const tokens = createTokenService(SECRET, 60);
    const forged = await signed('another-secret-key-0123456789-0123456789', 'linkedin-posts-api');
    for (let i = 0; i < 3; i++) await expect(tokens.verify(forged)).rejects.toThrow(/invalid/);
  });

  it('refuses a token signed for another audience although its signature is ours', async () => {
    const tokens = createTokenService(SECRET, 60);
    const other = await signed(SECRET, 'someone-else');
    await expect(tokens.verify(other)).rejects.toThrow(/invalid/);
  });
});
