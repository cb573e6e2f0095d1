import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import { AppError, unauthenticated } from '../../shared/errors.js';
import type { SessionRevocations } from './session-revocations.js';
import type { TokenService } from './tokens.js';

export interface SessionServiceDeps {
  prisma: PrismaClient;
  tokens: TokenService;
  revocations: Pick<SessionRevocations, 'revoke'>;
  refreshTokenTtlSeconds: number;
  logger: Logger;
}

/** What a client keeps of a session: the access token it sends, and the refresh token that renews it. */
export interface IssuedSession {
  userId: string;
  token: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

const hashOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

const sessionOver = () => new AppError('UNAUTHENTICATED', 'This session has ended or expired; log in again.');

/**
 * Sessions: a family of refresh tokens per sign-in. Each refresh token is random, stored as its
 * SHA-256, and traded once (`refresh`) for a new access token and the next refresh token of the same
 * family; one presented again was copied (the other party already traded it), so the whole family ends.
 * Ending a session refuses its access tokens at once (see SessionRevocations) and deletes its family.
 */
export function createSessionService({ prisma, tokens, revocations, refreshTokenTtlSeconds, logger }: SessionServiceDeps) {
  const refreshExpiry = () => new Date(Date.now() + refreshTokenTtlSeconds * 1000);

  async function issue(userId: string, sessionId: string, refreshToken: string, refreshTokenExpiresAt: Date): Promise<IssuedSession> {
    const access = await tokens.issueAccessToken(userId, sessionId);
    return { userId, token: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /** Refuses the sessions' access tokens (first, so a failure later leaves none working) and forgets their refresh tokens. */
  async function end(sessionIds: readonly string[]): Promise<void> {
    await revocations.revoke(sessionIds);
    await prisma.session.deleteMany({ where: { id: { in: [...sessionIds] } } });
  }

  const sessionsOf = async (userId: string) => (await prisma.session.findMany({ where: { userId }, select: { id: true } })).map((session) => session.id);

  return {
    /** A new session (a sign-up or log-in). */
    async start(userId: string): Promise<IssuedSession> {
      const refreshToken = randomBytes(32).toString('base64url');
      const expiresAt = refreshExpiry();
      const session = await prisma.session.create({
        data: { userId, expiresAt, refreshTokens: { create: { tokenHash: hashOf(refreshToken), expiresAt } } },
        select: { id: true },
      });
      return issue(userId, session.id, refreshToken, expiresAt);
    },

    /** Trades a refresh token for a new access token and the next refresh token; UNAUTHENTICATED when it cannot. */
    async refresh(refreshToken: string): Promise<IssuedSession> {
      const tokenHash = hashOf(refreshToken);
      const presented = await prisma.refreshToken.findUnique({
        where: { tokenHash },
        select: { familyId: true, usedAt: true, expiresAt: true, session: { select: { userId: true } } },
      });
      if (!presented || presented.expiresAt.getTime() <= Date.now()) throw sessionOver();
      const { familyId } = presented;
      const { userId } = presented.session;
      // Claimed by one conditional update: of two requests presenting the same token, exactly one gets it.
      const claimed = presented.usedAt ? 0 : (await prisma.refreshToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: new Date() } })).count;
      if (claimed === 0) {
        logger.warn({ userId, sessionId: familyId }, 'a used refresh token was presented again: session ended');
        await end([familyId]);
        throw new AppError('UNAUTHENTICATED', 'This refresh token was already used, so the session was ended to protect it; log in again.');
      }
      const next = randomBytes(32).toString('base64url');
      const expiresAt = refreshExpiry();
      try {
        await prisma.refreshToken.create({ data: { tokenHash: hashOf(next), familyId, expiresAt } });
      } catch (error) {
        // The session was ended between the look-up and now: its row, and with it the foreign key, is gone.
        if ((error as { code?: string }).code === 'P2003') throw sessionOver();
        throw error;
      }
      await prisma.session.updateMany({ where: { id: familyId }, data: { expiresAt } });
      return issue(userId, familyId, next, expiresAt);
    },

    /**
     * Ends the caller's session (the access token's) and the one the refresh token belongs to, if any
     * (they are usually the same). A refresh token of no live session has nothing left to end.
     */
    async logOut(sessionId: string | undefined, refreshToken: string | undefined): Promise<void> {
      if (!sessionId && !refreshToken) throw unauthenticated('Send the session to end: a valid access token, or its refresh token.');
      const family = refreshToken ? await prisma.refreshToken.findUnique({ where: { tokenHash: hashOf(refreshToken) }, select: { familyId: true } }) : null;
      await end([...new Set([sessionId, family?.familyId].filter((id): id is string => !!id))]);
    },

    /** Ends every session of the user; `except` survives (the one changing the password). */
    async endAll(userId: string, except?: string): Promise<void> {
      await end((await sessionsOf(userId)).filter((id) => id !== except));
    },

    /** Forgets sessions and refresh tokens past their expiry. */
    async prune(): Promise<void> {
      const now = new Date();
      await prisma.refreshToken.deleteMany({ where: { expiresAt: { lt: now } } });
      await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
