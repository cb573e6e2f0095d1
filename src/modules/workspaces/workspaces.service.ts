import DataLoader from 'dataloader';
import type { PrismaClient } from '../../infra/db/database.js';
import { type CacheEntity, ownedBy, type ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { notFound, unauthenticated } from '../../shared/errors.js';
import type { WorkspaceRole } from './workspace-permissions.rules.js';

type WorkspaceQuery = { include?: object; select?: object };

/** A user's standing on a post: its author, their role in its workspace (null outside it), and the workspace's approval setting. */
export interface PostAccess {
  authorId: string;
  role: WorkspaceRole | null;
  requiresApproval: boolean;
}

export interface WorkspaceSettings {
  name?: string | null;
  requiresApproval?: boolean | null;
}

/** The name every personal workspace starts with. */
const PERSONAL_WORKSPACE_NAME = 'Personal';

/** Nested in a user's creation: their personal workspace, with them as OWNER, in the same transaction. */
export const personalWorkspaceOfNewUser = () =>
  ({ memberships: { create: { role: 'OWNER', workspace: { create: { name: PERSONAL_WORKSPACE_NAME, personal: true } } } } }) as const;

/** Answers that hold a workspace, and the member's own answers that list its unpublished posts. */
export function workspaceChangeEntities(workspaceId: string, memberIds: readonly string[]): CacheEntity[] {
  return [{ typename: 'Workspace', id: workspaceId }, ...memberIds.flatMap((id) => [ownedBy('Post', id), ownedBy('Node', id), ownedBy('Workspace', id)])];
}

export function createWorkspaceService(prisma: PrismaClient, cache?: ResponseCacheInvalidator) {
  return {
    /**
     * The workspace created with the account: where posts, jobs and accounts go when no workspace is
     * named. Every account has one, so without it the account is gone (deleted while its token lives on).
     */
    async personalWorkspaceId(userId: string): Promise<string> {
      const workspace = await prisma.workspace.findFirst({ where: { personal: true, members: { some: { userId, role: 'OWNER' } } }, select: { id: true } });
      if (!workspace) throw unauthenticated('This account no longer exists.');
      return workspace.id;
    },

    /** The caller's role in each workspace asked for in one tick of a request, read in one statement. */
    roleLoader(userId: string): DataLoader<string, WorkspaceRole | null> {
      return new DataLoader(async (workspaceIds) => {
        const rows = await prisma.workspaceMember.findMany({
          where: { userId, workspaceId: { in: [...workspaceIds] } },
          select: { workspaceId: true, role: true },
        });
        const roles = new Map(rows.map((row) => [row.workspaceId, row.role]));
        return workspaceIds.map((id) => roles.get(id) ?? null);
      });
    },

    /**
     * Who wrote a post, the user's role in its workspace (null outside it) and whether the workspace
     * requires approval, in one statement: what authorisation and the workflow rules both need.
     * NOT_FOUND so a typo is never taken for a refusal.
     */
    async postAccess(postId: string, userId: string): Promise<PostAccess> {
      const post = await prisma.post.findUnique({
        where: { id: postId },
        select: { authorId: true, workspace: { select: { requiresApproval: true, members: { where: { userId }, select: { role: true } } } } },
      });
      if (!post) throw notFound('Post');
      return { authorId: post.authorId, role: post.workspace.members[0]?.role ?? null, requiresApproval: post.workspace.requiresApproval };
    },

    /** Who belongs to the workspace: the users whose own cached answers may hold its unpublished posts. */
    async memberIds(workspaceId: string): Promise<string[]> {
      const members = await prisma.workspaceMember.findMany({ where: { workspaceId }, select: { userId: true } });
      return members.map((member) => member.userId);
    },

    /** A shared workspace with its creator as OWNER. */
    async create(userId: string, settings: { name: string; requiresApproval?: boolean | null }, query: WorkspaceQuery = {}) {
      const workspace = await prisma.workspace.create({
        ...query,
        data: { name: settings.name.trim(), requiresApproval: settings.requiresApproval ?? false, members: { create: { userId, role: 'OWNER' } } },
      });
      await cache?.invalidate([ownedBy('Workspace', userId)]);
      return workspace;
    },

    async update(workspaceId: string, settings: WorkspaceSettings, query: WorkspaceQuery = {}) {
      const workspace = await prisma.workspace.update({
        ...query,
        where: { id: workspaceId },
        data: { name: settings.name?.trim() ?? undefined, requiresApproval: settings.requiresApproval ?? undefined },
      });
      await cache?.invalidate(workspaceChangeEntities(workspaceId, await this.memberIds(workspaceId)));
      return workspace;
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
