import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { knownViewerRole, viewerRoleIn } from '../../graphql/workspace-roles.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';

export const WorkspaceRole = builder.enumType('WorkspaceRole', {
  description: "What a member may do in a workspace (the README's permission table).",
  values: {
    OWNER: { description: 'Everything, including deleting the workspace and giving or taking the OWNER role. A workspace always has one.' },
    ADMIN: { description: "Manages members (but not owners), settings and LinkedIn accounts; edits and publishes everyone's posts." },
    EDITOR: { description: 'Writes, schedules and publishes their own posts; reads and comments on all.' },
    VIEWER: { description: 'Reads every post of the workspace; changes nothing.' },
  },
});

/** Only members: `{ id: { in: [] } }` matches nothing for someone signed out. */
const membersOnly = (viewerId: string | undefined) => (viewerId ? { members: { some: { userId: viewerId } } } : { id: { in: [] } });

export const Workspace = builder.prismaNode('Workspace', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 5 * MINUTE } satisfies CachePolicy },
  id: { field: 'id' },
  description: "A team's space: its members, posts, generation jobs and LinkedIn accounts. Only its members see it.",
  findUnique: (id, ctx) => {
    // Whether it is found depends on who asks.
    answerDependsOnViewer(ctx);
    return { id, AND: [membersOnly(viewerUserId(ctx))] };
  },
  fields: (t) => ({
    name: t.exposeString('name'),
    personal: t.exposeBoolean('personal', { description: 'The workspace created with your account; only you belong to it.' }),
    requiresApproval: t.exposeBoolean('requiresApproval', { description: 'Posts need an approval before they are scheduled or published.' }),
    viewerRole: t.field({
      type: WorkspaceRole,
      nullable: true,
      description: 'Your role in it.',
      select: { id: true },
      // One statement for a whole page of workspaces (DataLoader).
      resolve: (workspace, _args, ctx) => viewerRoleIn(ctx, workspace.id),
    }),
    members: t.relatedConnection(
      'members',
      {
        cursor: 'workspaceId_userId',
        description: 'Who belongs to it, longest-standing first.',
        query: { orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }] },
        totalCount: true,
      },
      { description: 'A page of members.' },
      { description: 'A member in a page, with the cursor that points at it.' },
    ),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('WorkspaceMember', {
  description: 'A member of a workspace and their role.',
  fields: (t) => ({
    user: t.relation('user'),
    role: t.expose('role', { type: WorkspaceRole }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When they joined.' }),
  }),
});

builder.queryField('workspace', (t) =>
  t.prismaField({
    type: 'Workspace',
    nullable: true,
    description: 'One workspace by ID; null when it does not exist or you are not a member.',
    extensions: { cache: { nullIsOwnAnswer: true } satisfies CachePolicy },
    args: { id: t.arg.globalID({ for: Workspace, required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      answerDependsOnViewer(ctx);
      const userId = viewerUserId(ctx);
      if (!userId) return null;
      const where = { id: id.id, ...membersOnly(userId) };
      // The caller's role comes with the workspace, for the analytics of its posts: one statement less per page.
      if ('select' in query || 'members' in (query.include ?? {})) return ctx.prisma.workspace.findFirst({ ...query, where });
      const workspace = await ctx.prisma.workspace.findFirst({ include: { ...query.include, members: { where: { userId }, select: { role: true } } }, where });
      if (workspace) knownViewerRole(ctx, workspace.id, workspace.members[0]?.role ?? null);
      return workspace;
    },
  }),
);

builder.prismaObjectField(User, 'workspaces', (t) =>
  t.prismaConnection(
    {
      type: 'Workspace',
      cursor: 'id',
      description:
        'The workspaces the user belongs to, oldest first (their personal one among them). Only visible to the user themself; empty for everyone else.',
      extensions: { cache: { ttlMs: MINUTE } satisfies CachePolicy },
      totalCount: (user, _args, ctx) => (viewerUserId(ctx) === user.id ? ctx.prisma.workspaceMember.count({ where: { userId: user.id } }) : 0),
      resolve: (query, user, _args, ctx) => {
        answerDependsOnViewer(ctx);
        if (viewerUserId(ctx) !== user.id) return [];
        return ctx.prisma.workspace.findMany({ ...query, where: { members: { some: { userId: user.id } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      },
    },
    { description: 'A page of workspaces.' },
    { description: 'A workspace in a page, with the cursor that points at it.' },
  ),
);

const CreateWorkspaceInput = builder.inputType('CreateWorkspaceInput', {
  description: 'A new shared workspace; you become its OWNER.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name, 1 to 100 characters.' }),
    requiresApproval: t.boolean({ defaultValue: false, description: 'Posts need an approval before they are scheduled or published.' }),
  }),
});

const UpdateWorkspaceInput = builder.inputType('UpdateWorkspaceInput', {
  description: "A workspace's settings; omitted fields stay as they are.",
  fields: (t) => ({
    name: t.string({ description: 'Its new name, 1 to 100 characters.' }),
    requiresApproval: t.boolean(),
  }),
});

const nameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

builder.mutationFields((t) => ({
  createWorkspace: t.prismaField({
    type: 'Workspace',
    description: 'Creates a shared workspace with you as its OWNER.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: CreateWorkspaceInput, required: true, validate: z.object({ name: nameSchema }).loose() }) },
    resolve: (query, _root, { input }, ctx) => ctx.services.workspaces.create(requireActor(ctx), input, query),
  }),
  updateWorkspace: t.prismaField({
    type: 'Workspace',
    description: 'Renames a workspace or switches `requiresApproval`. OWNERs and ADMINs only; FORBIDDEN for everyone else.',
    args: {
      id: t.arg.globalID({ for: Workspace, required: true }),
      input: t.arg({ type: UpdateWorkspaceInput, required: true, validate: z.object({ name: nameSchema.nullish() }).loose() }),
    },
    authScopes: (_root, args) => ({ workspacePermission: { workspaceId: args.id.id, action: 'changeSettings' } }),
    resolve: (query, _root, { id, input }, ctx) => ctx.services.workspaces.update(id.id, requireActor(ctx), input, query),
  }),
}));
