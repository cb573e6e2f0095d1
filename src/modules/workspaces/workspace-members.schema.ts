import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { User } from '../users/user.schema.js';
import { Workspace, WorkspaceRole } from './workspace.schema.js';

/** Invitations just made: their token, shown in inviteMember's answer and nowhere else. */
const issuedTokens = new WeakMap<object, string>();

const Invitation = builder.prismaObject('WorkspaceInvitation', {
  name: 'Invitation',
  description: 'An invitation to join a workspace, sent by email as a link carrying its token.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email', { description: 'Who may accept it: the user signed up with this email.' }),
    role: t.expose('role', { type: WorkspaceRole, description: 'The role they get.' }),
    token: t.string({
      nullable: true,
      description: 'The secret for acceptInvitation: only in the answer of inviteMember, to the inviter, once (only its SHA-256 is kept).',
      resolve: (invitation) => issuedTokens.get(invitation) ?? null,
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField(Workspace, 'invitations', (t) =>
  t.relatedConnection(
    'invitations',
    {
      cursor: 'id',
      description: 'Invitations sent, newest first. OWNERs and ADMINs only; FORBIDDEN for other members.',
      extensions: { cache: { ttlMs: MINUTE } satisfies CachePolicy },
      authScopes: (workspace) => ({ workspacePermission: { workspaceId: workspace.id, action: 'manageMembers' } }),
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    },
    { description: 'A page of invitations.' },
    { description: 'An invitation in a page, with the cursor that points at it.' },
  ),
);

const InviteMemberInput = builder.inputType('InviteMemberInput', {
  description: 'Who to invite, with which role.',
  fields: (t) => ({
    workspaceId: t.globalID({ for: Workspace, required: true }),
    email: t.string({ required: true, validate: z.string().trim().email('must be an email address').max(320) }),
    role: t.field({ type: WorkspaceRole, required: true, description: 'Only an OWNER invites OWNERs.' }),
  }),
});

builder.mutationFields((t) => {
  const workspaceId = () => t.arg.globalID({ for: Workspace, required: true });
  const userId = () => t.arg.globalID({ for: User, required: true });
  const manage = (id: string) => ({ workspacePermission: { workspaceId: id, action: 'manageMembers' as const } });
  return {
    inviteMember: t.prismaField({
      type: Invitation,
      description:
        'Invites someone by email (OWNERs and ADMINs; only OWNERs invite OWNERs). Send them `token` as a link: it works once, for 7 days, for that email only. CONFLICT for a personal workspace.',
      args: { input: t.arg({ type: InviteMemberInput, required: true }) },
      authScopes: (_root, { input }) => manage(input.workspaceId.id),
      resolve: async (_query, _root, { input }, ctx) => {
        const { invitation, token } = await ctx.services.workspaceMembers.invite(input.workspaceId.id, requireActor(ctx), input.email, input.role);
        issuedTokens.set(invitation, token);
        return invitation;
      },
    }),
    acceptInvitation: t.prismaField({
      type: 'Workspace',
      description:
        'Joins the workspace of an invitation sent to your email. BAD_USER_INPUT for a token that is unknown, used, revoked or expired; FORBIDDEN when it was sent to another email.',
      authScopes: { authenticated: true },
      args: { token: t.arg.string({ required: true, validate: z.string().min(1).max(200) }) },
      resolve: async (query, _root, { token }, ctx) => {
        const id = await ctx.services.workspaceMembers.accept(token, requireActor(ctx));
        return ctx.prisma.workspace.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    revokeInvitation: t.prismaField({
      type: Invitation,
      description: 'Makes an invitation unusable (OWNERs and ADMINs); revoking again changes nothing. NOT_FOUND for an unknown id.',
      args: { id: t.arg.id({ required: true, validate: z.string().uuid('is not an invitation id') }) },
      authScopes: (_root, { id }) => ({ invitationManager: String(id) }),
      resolve: (_query, _root, { id }, ctx) => ctx.services.workspaceMembers.revoke(String(id), requireActor(ctx)),
    }),
    changeMemberRole: t.field({
      type: 'Boolean',
      description: 'Gives a member another role (OWNERs and ADMINs; only OWNERs give or take OWNER). CONFLICT when it would leave no OWNER.',
      args: { workspaceId: workspaceId(), userId: userId(), role: t.arg({ type: WorkspaceRole, required: true }) },
      authScopes: (_root, args) => manage(args.workspaceId.id),
      resolve: async (_root, args, ctx) => {
        await ctx.services.workspaceMembers.changeRole(args.workspaceId.id, requireActor(ctx), args.userId.id, args.role);
        return true;
      },
    }),
    removeMember: t.field({
      type: 'Boolean',
      description: 'Removes a member (OWNERs and ADMINs; only OWNERs remove OWNERs). CONFLICT for the last OWNER.',
      args: { workspaceId: workspaceId(), userId: userId() },
      authScopes: (_root, args) => manage(args.workspaceId.id),
      resolve: async (_root, args, ctx) => {
        await ctx.services.workspaceMembers.remove(args.workspaceId.id, requireActor(ctx), args.userId.id);
        return true;
      },
    }),
    leaveWorkspace: t.field({
      type: 'Boolean',
      description: 'Leaves a shared workspace. CONFLICT for your personal workspace, and for its last OWNER.',
      args: { workspaceId: workspaceId() },
      authScopes: (_root, args) => ({ workspacePermission: { workspaceId: args.workspaceId.id, action: 'readPosts' } }),
      resolve: async (_root, args, ctx) => {
        await ctx.services.workspaceMembers.leave(args.workspaceId.id, requireActor(ctx));
        return true;
      },
    }),
  };
});
