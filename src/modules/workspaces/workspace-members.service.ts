import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../infra/db/database.js';
import { membershipsOf, type ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { badField, conflict, forbidden, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { snapshot } from '../audit/audit-changes.rules.js';
import { mayAssignRole, type WorkspaceRole } from './workspace-permissions.rules.js';
import { workspaceChangeEntities } from './workspaces.service.js';

/** How long an invitation can be accepted. */
const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Invitations and membership: who belongs to a workspace, with which role; a workspace always keeps an OWNER. */
export function createWorkspaceMemberService(prisma: PrismaClient, cache?: ResponseCacheInvalidator) {
  const roleOf = async (workspaceId: string, userId: string): Promise<WorkspaceRole | null> =>
    (await prisma.workspaceMember.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } }))?.role ?? null;

  /**
   * Evicts what the members (and whoever just left) saw of the workspace, and the memberships of
   * `changed` (who joined, left or got another role) with their own answers that depend on them.
   */
  const membershipChanged = async (workspaceId: string, changed: string, ...leaving: string[]) => {
    const members = await prisma.workspaceMember.findMany({ where: { workspaceId }, select: { userId: true } });
    await cache?.invalidate([...workspaceChangeEntities(workspaceId, [...members.map((m) => m.userId), ...leaving]), membershipsOf(changed)]);
  };

  /** Refuses a change that would leave the workspace without an OWNER. */
  const keepAnOwner = async (workspaceId: string, userId: string) => {
    const others = await prisma.workspaceMember.count({ where: { workspaceId, role: 'OWNER', userId: { not: userId } } });
    if (others === 0) throw conflict('A workspace always keeps an OWNER: make someone else an OWNER first.');
  };

  /** The member's current role, or NOT_FOUND. */
  const memberRole = async (workspaceId: string, userId: string) => {
    const role = await roleOf(workspaceId, userId);
    if (!role) throw notFound('Member');
    return role;
  };

  /** Takes `userId` out of the workspace, with its audit entry. */
  const leaving = (workspaceId: string, actor: MemberActor, userId: string, role: WorkspaceRole, action: 'MEMBER_REMOVED' | 'MEMBER_LEFT') =>
    prisma.$transaction(async (tx) => {
      await tx.workspaceMember.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
      await recordAudit(tx, actor, { workspaceId, action, target: { type: 'MEMBER', id: userId }, changes: [{ field: 'role', before: role, after: null }] });
    });

  return {
    /**
     * An invitation for `email` with `role`, and its token, shown this once (only its SHA-256 is
     * kept). The same answer whether or not the email has an account. Only an OWNER invites OWNERs.
     */
    async invite(workspaceId: string, actor: MemberActor, email: string, role: WorkspaceRole) {
      const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { personal: true } });
      if (workspace.personal) throw conflict('Nobody can be invited to a personal workspace: create a shared one.');
      if (!mayAssignRole(await roleOf(workspaceId, actor.userId), null, role)) throw forbidden('Only an OWNER invites OWNERs.');
      const token = `lpa_inv_${randomBytes(32).toString('base64url')}`;
      const invitation = await prisma.$transaction(async (tx) => {
        const created = await tx.workspaceInvitation.create({
          data: {
            workspaceId,
            email: normalizeEmail(email),
            role,
            tokenHash: tokenHash(token),
            invitedById: actor.userId,
            expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
          },
        });
        const changes = snapshot('after', { email: created.email, role });
        await recordAudit(tx, actor, { workspaceId, action: 'MEMBER_INVITED', target: { type: 'INVITATION', id: created.id }, changes });
        return created;
      });
      await cache?.invalidate([{ typename: 'Workspace', id: workspaceId }]);
      return { invitation, token };
    },

    /**
     * Joins the invitation's workspace with its role: once, before it expires, unless revoked, and
     * only for the user signed up with the invited email. Every unusable token gets the same answer.
     */
    async accept(token: string, actor: MemberActor) {
      const { userId } = actor;
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
      const invitation = await prisma.workspaceInvitation.findUnique({ where: { tokenHash: tokenHash(token) } });
      const usable = invitation && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > new Date();
      if (!usable) throw badField('token', 'is not a valid invitation (unknown, used, revoked or expired)');
      if (invitation.email !== user.email) throw forbidden('This invitation was sent to another email address.');
      if (await roleOf(invitation.workspaceId, userId)) throw conflict('You already belong to this workspace.');
      await prisma.$transaction(async (tx) => {
        const taken = await tx.workspaceInvitation.updateMany({
          where: { id: invitation.id, acceptedAt: null, revokedAt: null },
          data: { acceptedAt: new Date() },
        });
        if (taken.count === 0) throw badField('token', 'is not a valid invitation (unknown, used, revoked or expired)');
        await tx.workspaceMember.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
        const changes = snapshot('after', { role: invitation.role });
        await recordAudit(tx, actor, {
          workspaceId: invitation.workspaceId,
          action: 'INVITATION_ACCEPTED',
          target: { type: 'INVITATION', id: invitation.id },
          changes,
        });
      });
      await membershipChanged(invitation.workspaceId, userId);
      return invitation.workspaceId;
    },

    /** The workspace an invitation belongs to, for authorisation; NOT_FOUND for an unknown one. */
    async invitationWorkspace(invitationId: string): Promise<string> {
      const invitation = await prisma.workspaceInvitation.findUnique({ where: { id: invitationId }, select: { workspaceId: true } });
      if (!invitation) throw notFound('Invitation');
      return invitation.workspaceId;
    },

    /** Makes the invitation unusable; revoking again (or after it was accepted) changes nothing. */
    async revoke(invitationId: string, actor: MemberActor) {
      const invitation = await prisma.$transaction(async (tx) => {
        const revoked = await tx.workspaceInvitation.updateMany({
          where: { id: invitationId, revokedAt: null, acceptedAt: null },
          data: { revokedAt: new Date() },
        });
        const found = await tx.workspaceInvitation.findUniqueOrThrow({ where: { id: invitationId } });
        if (revoked.count) {
          const changes = snapshot('before', { email: found.email, role: found.role });
          await recordAudit(tx, actor, { workspaceId: found.workspaceId, action: 'INVITATION_REVOKED', target: { type: 'INVITATION', id: found.id }, changes });
        }
        return found;
      });
      await cache?.invalidate([{ typename: 'Workspace', id: invitation.workspaceId }]);
      return invitation;
    },

    /** Gives a member another role; only an OWNER gives or takes OWNER, and the last OWNER stays one. */
    async changeRole(workspaceId: string, actor: MemberActor, userId: string, role: WorkspaceRole) {
      const from = await memberRole(workspaceId, userId);
      if (!mayAssignRole(await roleOf(workspaceId, actor.userId), from, role)) throw forbidden('Only an OWNER gives or takes the OWNER role.');
      if (from === 'OWNER' && role !== 'OWNER') await keepAnOwner(workspaceId, userId);
      await prisma.$transaction(async (tx) => {
        await tx.workspaceMember.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
        if (from === role) return;
        const changes = [{ field: 'role', before: from, after: role }];
        await recordAudit(tx, actor, { workspaceId, action: 'MEMBER_ROLE_CHANGED', target: { type: 'MEMBER', id: userId }, changes });
      });
      await membershipChanged(workspaceId, userId);
    },

    /** Removes a member (an OWNER only by an OWNER, never the last one). */
    async remove(workspaceId: string, actor: MemberActor, userId: string) {
      const from = await memberRole(workspaceId, userId);
      if (!mayAssignRole(await roleOf(workspaceId, actor.userId), from, null)) throw forbidden('Only an OWNER removes an OWNER.');
      if (from === 'OWNER') await keepAnOwner(workspaceId, userId);
      await leaving(workspaceId, actor, userId, from, 'MEMBER_REMOVED');
      await membershipChanged(workspaceId, userId, userId);
    },

    /** Leaves a shared workspace; the last OWNER cannot, and nobody leaves their personal one. */
    async leave(workspaceId: string, actor: MemberActor) {
      const { userId } = actor;
      const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { personal: true } });
      if (workspace.personal) throw conflict('Nobody leaves their personal workspace.');
      const from = await memberRole(workspaceId, userId);
      if (from === 'OWNER') await keepAnOwner(workspaceId, userId);
      await leaving(workspaceId, actor, userId, from, 'MEMBER_LEFT');
      await membershipChanged(workspaceId, userId, userId);
    },
  };
}
