import type { PrismaClient } from '../../infra/db/database.js';
import { isDatabaseUnavailable } from '../../infra/db/unavailable.js';
import type { Logger } from '../../infra/logger.js';
import { ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS } from './tokens.js';

export interface SessionRevocationsDeps {
  prisma: PrismaClient;
  accessTokenTtlSeconds: number;
  logger: Logger;
}

/** Rows revoked this long before the newest one seen are read again: a statement that started earlier may commit later. */
const RESCAN_MS = 30_000;
/** Past its access tokens' lifetime (and the clock tolerance) a session needs no refusing; the margin covers one issued as it ended. */
const MARGIN_MS = 60_000;

/**
 * The sessions ended before their access tokens expire, as every API process must refuse them.
 * `isRevoked` is a map look-up on the request path; `revoke` takes effect in this process at once and
 * is written to `revoked_sessions`, which every process reads again every SESSION_REVOCATION_SYNC_MS
 * (`sync`) and in full when it starts (`ready`): other processes refuse an ended session's tokens
 * within that interval, whatever Redis is doing, and a restarted one still refuses them.
 */
export function createSessionRevocations({ prisma, accessTokenTtlSeconds, logger }: SessionRevocationsDeps) {
  const keepMs = (accessTokenTtlSeconds + ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS) * 1000 + MARGIN_MS;
  /** Session id → until when its access tokens are refused (ms). */
  const revoked = new Map<string, number>();
  let newestSeen: Date | undefined;
  let loaded: Promise<void> | undefined;
  let syncing: Promise<void> | undefined;
  let failing = false;

  async function read() {
    const now = new Date();
    const rows = await prisma.revokedSession.findMany({
      where: newestSeen ? { revokedAt: { gte: new Date(newestSeen.getTime() - RESCAN_MS) } } : { expiresAt: { gt: now } },
      select: { sessionId: true, revokedAt: true, expiresAt: true },
    });
    for (const row of rows) {
      revoked.set(row.sessionId, row.expiresAt.getTime());
      if (!newestSeen || row.revokedAt > newestSeen) newestSeen = row.revokedAt;
    }
    for (const [sessionId, until] of revoked) if (until <= now.getTime()) revoked.delete(sessionId);
  }

  return {
    /** Resolves once the sessions ended before this process started are known; until then none may be trusted. */
    ready(): Promise<void> {
      loaded ??= read().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return loaded;
    },

    isRevoked(sessionId: string): boolean {
      const until = revoked.get(sessionId);
      return until !== undefined && until > Date.now();
    },

    /** `until`: how long its tokens must be refused; by default, as long as an access token of it can live. */
    async revoke(sessionIds: readonly string[], until?: Date): Promise<void> {
      if (!sessionIds.length) return;
      const expiresAt = until ?? new Date(Date.now() + keepMs);
      for (const sessionId of sessionIds) revoked.set(sessionId, expiresAt.getTime());
      await prisma.revokedSession.createMany({ data: sessionIds.map((sessionId) => ({ sessionId, expiresAt })), skipDuplicates: true });
    },

    /** Reads what other processes ended since the last read; a failed read is retried at the next one. */
    sync(): Promise<void> {
      syncing ??= read()
        .then(() => {
          if (failing) logger.info('reading ended sessions works again');
          failing = false;
        })
        .catch((error: unknown) => {
          // An unreachable database is logged once for the whole process (infra/db/availability).
          const level = isDatabaseUnavailable(error) ? 'debug' : 'warn';
          if (!failing) logger[level]({ err: error }, 'could not read ended sessions; sessions other processes end are not refused here until this works');
          failing = true;
        })
        .finally(() => (syncing = undefined));
      return syncing;
    },

    /** Resolves when no read is under way. */
    idle: () => syncing ?? Promise.resolve(),

    /** Forgets rows no access token can need any more. */
    prune: () => prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
  };
}

export type SessionRevocations = ReturnType<typeof createSessionRevocations>;
