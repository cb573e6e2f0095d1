import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { badField, conflict, unauthenticated } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { createMediaService } from '../media/media.service.js';
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
  /** The media of the workspaces that go with the account: their stored objects are deleted too. */
  media: Pick<ReturnType<typeof createMediaService>, 'objectsOfWorkspaces' | 'deleteObjects'>;
}

/** Shared workspaces the user is the only OWNER of while others belong to them: deleting the user would leave them ownerless. */
async function workspacesLeftWithoutOwner(prisma: PrismaClient, userId: string) {
  return prisma.workspace.findMany({
    where: {
      members: { some: { userId, role: 'OWNER' }, none: { role: 'OWNER', userId: { not: userId } } },
      AND: { members: { some: { userId: { not: userId } } } },
    },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}

/** The account as a whole: deleting it and everything that is theirs. */
export function createAccountService({ prisma, passwords, sessions, cache, pubsub, logger, media }: AccountServiceDeps) {
  return {
    /**
     * Ends every session (their access tokens are refused from the next request), then deletes the
     * user in one statement: the foreign keys cascade to their posts (with totals and publishing
     * attempts), generation jobs, LinkedIn accounts and sessions (with refresh tokens). The stored
     * files of the media in the workspaces that go are deleted after the commit. Generation
     * still running for them is cancelled, and cached answers that showed them or their posts go.
     */
    async deleteAccount(actor: MemberActor, password: string): Promise<void> {
      const { userId } = actor;
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
      if (!user) throw unauthenticated('This account no longer exists.');
      if (!(await passwords.verify(password, user.passwordHash))) throw badField('password', 'is not your password');
      const left = await workspacesLeftWithoutOwner(prisma, userId);
      if (left.length) {
        throw conflict(`Make someone else an OWNER of ${left.map((w) => `"${w.name}"`).join(', ')} first: a workspace always keeps an owner.`);
      }
      const [posts, unfinished, coMembers, shared] = await Promise.all([
        prisma.post.findMany({ where: { authorId: userId }, select: { id: true, workspaceId: true, status: true, publishedAt: true } }),
        prisma.generationJob.findMany({ where: { userId, status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } }),
        prisma.workspaceMember.findMany({ where: { workspace: { members: { some: { userId } } } }, select: { userId: true }, distinct: ['userId'] }),
        // Workspaces that stay, without them: each records that they went.
        prisma.workspaceMember.findMany({
          where: { userId, workspace: { members: { some: { userId: { not: userId } } } } },
          select: { workspaceId: true, role: true },
        }),
      ]);
      await sessions.endAll(userId);
      // Workspaces only they belong to (their personal one among them) go with them, with everything in them.
      const objects = await prisma.$transaction(async (tx) => {
        for (const { workspaceId, role } of shared) {
          const changes = [{ field: 'role', before: role, after: null }];
          await recordAudit(tx, actor, { workspaceId, action: 'MEMBER_ACCOUNT_DELETED', target: { type: 'MEMBER', id: userId }, changes });
        }
        const gone = await tx.workspace.findMany({ where: { members: { some: { userId }, every: { userId } } }, select: { id: true } });
        const ids = gone.map((w) => w.id);
        const keys = await media.objectsOfWorkspaces(tx, ids);
        await tx.workspace.deleteMany({ where: { id: { in: ids } } });
        await tx.user.deleteMany({ where: { id: userId } });
        return keys;
      });
      // Only once the rows are gone for good: a rollback must keep the files of rows that still exist.
      await media.deleteObjects(objects);
      for (const job of unfinished) pubsub.publish('generation:cancel', job.id, 'The account was deleted.');
      await cache.invalidate(
        accountDeletionEntities(
          userId,
          posts,
          coMembers.map((m) => m.userId),
        ),
      );
      logger.info({ userId, posts: posts.length, unfinishedJobs: unfinished.length }, 'account deleted');
    },
  };
}
