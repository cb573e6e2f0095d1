import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { badField, unauthenticated } from '../../shared/errors.js';
import type { LivePubSub } from '../topics.types.js';
import { accountDeletionEntities } from './account-cache.rules.js';
import type { PasswordHasher } from './password.js';
import type { SessionService } from './sessions.service.js';

export interface AccountServiceDeps {
  prisma: PrismaClient;
  passwords: PasswordHasher;
  sessions: SessionService;
  cache: ResponseCacheInvalidator;
  pubsub: LivePubSub;
  logger: Logger;
}

/** The account as a whole: deleting it and everything that is theirs. */
export function createAccountService({ prisma, passwords, sessions, cache, pubsub, logger }: AccountServiceDeps) {
  return {
    /**
     * Ends every session (their access tokens are refused from the next request), then deletes the
     * user in one statement: the foreign keys cascade to their posts (with totals and publishing
     * attempts), generation jobs, LinkedIn accounts and sessions (with refresh tokens). Generation
     * still running for them is cancelled, and cached answers that showed them or their posts go.
     */
    async deleteAccount(userId: string, password: string): Promise<void> {
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      if (!user) throw unauthenticated('This account no longer exists.');
      if (!(await passwords.verify(password, user.passwordHash))) throw badField('password', 'is not your password');
      const [posts, unfinished] = await Promise.all([
        prisma.post.findMany({ where: { authorId: userId }, select: { id: true, status: true, publishedAt: true } }),
        prisma.generationJob.findMany({ where: { userId, status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } }),
      ]);
      await sessions.endAll(userId);
      await prisma.user.deleteMany({ where: { id: userId } });
      for (const job of unfinished) pubsub.publish('generation:cancel', job.id, 'The account was deleted.');
      await cache.invalidate(accountDeletionEntities(userId, posts));
      logger.info({ userId, posts: posts.length, unfinishedJobs: unfinished.length }, 'account deleted');
    },
  };
}
