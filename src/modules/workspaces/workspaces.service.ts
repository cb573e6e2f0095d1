import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../infra/db/database.js';
import { type CacheEntity, membershipsOf, ownedBy, type ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { notFound, unauthenticated } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
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

    /** The workspaces a user belongs to (every role): what decides which shared answers the response cache may serve them. */
    async workspaceIdsOf(userId: string): Promise<string[]> {
      const memberships = await prisma.workspaceMember.findMany({ where: { userId }, select: { workspaceId: true } });
      return memberships.map((membership) => membership.workspaceId);
    },

    /** Who belongs to the workspace: the users whose own cached answers may hold its unpublished posts. */
    async memberIds(workspaceId: string): Promise<string[]> {
      const members = await prisma.workspaceMember.findMany({ where: { workspaceId }, select: { userId: true } });
      return members.map((member) => member.userId);
    },

    /** A shared workspace with its creator as OWNER. */
    async create(actor: MemberActor, settings: { name: string; requiresApproval?: boolean | null }, query: WorkspaceQuery = {}) {
      const id = randomUUID();
      const fields = { name: settings.name.trim(), requiresApproval: settings.requiresApproval ?? false };
      const workspace = await prisma.$transaction(async (tx) => {
        const created = await tx.workspace.create({ ...query, data: { id, ...fields, members: { create: { userId: actor.userId, role: 'OWNER' } } } });
        await recordAudit(tx, actor, { workspaceId: id, action: 'WORKSPACE_CREATED', target: { type: 'WORKSPACE', id }, changes: snapshot('after', fields) });
        return created;
      });
      await cache?.invalidate([ownedBy('Workspace', actor.userId), membershipsOf(actor.userId)]);
      return workspace;
    },

    /** Changes the settings given; an entry in the audit log when any of them changed. */
    async update(workspaceId: string, actor: MemberActor, settings: WorkspaceSettings, query: WorkspaceQuery = {}) {
      const fields = { name: settings.name?.trim() ?? undefined, requiresApproval: settings.requiresApproval ?? undefined };
      const workspace = await prisma.$transaction(async (tx) => {
        const [before] = await tx.$queryRaw<{ name: string; requiresApproval: boolean }[]>`
          SELECT name, requires_approval AS "requiresApproval" FROM workspaces WHERE id = ${workspaceId}::uuid FOR NO KEY UPDATE`;
        if (!before) throw notFound('Workspace');
        const updated = await tx.workspace.update({ ...query, where: { id: workspaceId }, data: fields });
        const changes = changedFields(before, fields);
        if (changes.length) await recordAudit(tx, actor, { workspaceId, action: 'WORKSPACE_UPDATED', target: { type: 'WORKSPACE', id: workspaceId }, changes });
        return updated;
      });
      await cache?.invalidate(workspaceChangeEntities(workspaceId, await this.memberIds(workspaceId)));
      return workspace;
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
