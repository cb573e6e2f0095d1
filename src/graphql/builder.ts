import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { z } from 'zod';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { MemberActor } from '../modules/audit/audit.types.js';
import { mayActOnPost, mayChangeMedia, mayDo, type PostAction, type WorkspaceAction } from '../modules/workspaces/workspace-permissions.rules.js';
import { queryTooComplex, unauthenticated } from '../shared/errors.js';
import { viewerUserId } from '../shared/viewer.js';
import type { Context } from './context.js';
import { authorizationError, validationError } from './errors.js';
import { decodeId } from './global-id.js';
import { postAccessOf } from './post-access.js';
import { DateTimeScalar, type UploadedFile, UploadScalar } from './scalars.js';
import { viewerRoleIn } from './workspace-roles.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date | string }; Upload: { Input: UploadedFile; Output: never } };
  AuthScopes: {
    /** A signed-in author. */
    authenticated: boolean;
    /** A service token allowed to ingest engagement. */
    ingest: boolean;
    /** A signed-in user with the OWNER role: manages the deployment (service tokens). */
    owner: boolean;
    /** The caller may write (edit, delete, archive) the post with this (raw) id: see workspace-permissions.rules.ts. */
    postWriter: string;
    /** The caller belongs to the workspace of the post with this (raw) id. */
    postReader: string;
    /** The caller may schedule or publish the post with this (raw) id. */
    postPublisher: string;
    /** The caller may schedule or publish every post with these (raw) ids. */
    postsPublisher: readonly string[];
    /** May comment on the post: a member of its workspace who writes (VIEWERs only read). */
    postCommenter: string;
    /** The caller manages the members of the workspace of the invitation with this (raw) id. */
    invitationManager: string;
    /** The caller manages the LinkedIn accounts of the workspace of the account with this (raw) id (NOT_FOUND outside it). */
    linkedInAccountManager: string;
    /** The caller's role in the workspace allows the action. */
    workspacePermission: { workspaceId: string; action: WorkspaceAction };
    /** The caller's role in each of the workspaces allows the action (true for none). */
    workspacesPermission: { workspaceIds: string[]; action: WorkspaceAction };
    /** The caller may change or delete the media with this (raw) id: see mayChangeMedia. */
    mediaEditor: string;
    /** The caller may see this post's analytics: its author, or anyone once it is published publicly. */
    postAnalytics: string;
  };
  AuthContexts: { authenticated: Context & { viewer: { kind: 'user'; userId: string } } };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer?.kind === 'user',
      ingest: ctx.viewer?.scopes.has('ingest') ?? false,
      owner: () => {
        const userId = viewerUserId(ctx);
        return userId ? ctx.services.roles.isOwner(userId) : false;
      },
      // Someone signed out learns UNAUTHENTICATED, not whether the post exists.
      postReader: (postId) => mayActOn(ctx, postId, 'read'),
      postWriter: (postId) => mayActOn(ctx, postId, 'write'),
      postPublisher: (postId) => mayActOn(ctx, postId, 'publish'),
      postsPublisher: async (postIds) => (await Promise.all(postIds.map((postId) => mayActOn(ctx, postId, 'publish')))).every(Boolean),
      postCommenter: (postId) => mayActOn(ctx, postId, 'comment'),
      workspacePermission: async ({ workspaceId, action }) => mayDo(await viewerRoleIn(ctx, workspaceId), action),
      workspacesPermission: async ({ workspaceIds, action }) =>
        (await Promise.all(workspaceIds.map((id) => viewerRoleIn(ctx, id)))).every((role) => mayDo(role, action)),
      linkedInAccountManager: async (accountId) => {
        const userId = viewerUserId(ctx);
        return !!userId && mayDo(await ctx.services.linkedInAccounts.accessTo(accountId, userId), 'manageLinkedInAccounts');
      },
      // Signed out, UNAUTHENTICATED before anything is looked up.
      invitationManager: async (invitationId) =>
        !!viewerUserId(ctx) && mayDo(await viewerRoleIn(ctx, await ctx.services.workspaceMembers.invitationWorkspace(invitationId)), 'manageMembers'),
      mediaEditor: async (mediaId) => {
        const userId = viewerUserId(ctx);
        if (!userId) return false;
        const { ownerId, role } = await ctx.services.media.access(mediaId, userId);
        return mayChangeMedia(role, ownerId === userId);
      },
      postAnalytics: (postId) => ctx.services.posts.canSeeAnalytics(postId, viewerUserId(ctx)),
    }),
    unauthorizedError: (_parent, ctx, _info, result) => authorizationError(ctx, result.message),
    authorizeOnSubscribe: true,
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    decodeGlobalID: decodeId,
    cursorType: 'String',
    firstArgOptions: {
      description: `How many items to return, from 0 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
      validate: z.number().int().min(0).max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`),
    },
    lastArgOptions: {
      description: `How many items to return from the end, from 0 to ${MAX_PAGE_SIZE}.`,
      validate: z.number().int().min(0).max(MAX_PAGE_SIZE, `last must be at most ${MAX_PAGE_SIZE}`),
    },
    afterArgOptions: { description: "Return items after this cursor (a previous page's `pageInfo.endCursor`)." },
    beforeArgOptions: { description: "Return items before this cursor (a previous page's `pageInfo.startCursor`)." },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID. Fetch any of them with `node(id)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a list: use `endCursor` as `after` to fetch the next one.' },
    // Relay lets the direction not being read be answered cheaply: no statement is spent on it.
    hasNextPageFieldOptions: {
      description: 'More items follow this page. Exact when reading forward (`first`); reading backward (`last`), true exactly when `before` was given.',
    },
    hasPreviousPageFieldOptions: {
      description: 'More items precede this page. Exact when reading backward (`last`); reading forward (`first`), true exactly when `after` was given.',
    },
    startCursorFieldOptions: { description: "The first item's cursor, for `before`; on an empty page the cursor given, or null." },
    endCursorFieldOptions: { description: "The last item's cursor, for `after`; on an empty page the cursor given, or null." },
    // A null may hide something another caller can see (someone's draft): such an answer is the caller's own in the response cache.
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when it does not exist or you cannot see it.',
      extensions: { cache: { nullIsOwnAnswer: true } },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by global ID, in order; null for each one that does not exist or you cannot see.',
      extensions: { cache: { nullIsOwnAnswer: true } },
    },
  },
  validation: { validationError },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 5000, depth: 12, breadth: 200 },
    complexityError: (_kind, { depth, breadth, complexity, maxDepth, maxBreadth, maxComplexity }) =>
      queryTooComplex(
        `The operation is too complex (depth ${depth}/${maxDepth}, breadth ${breadth}/${maxBreadth}, complexity ${complexity}/${maxComplexity}).`,
      ),
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('Upload', UploadScalar);

builder.queryType({ description: 'Everything you can read.' });
builder.mutationType({ description: 'Everything you can change. Most mutations need `Authorization: Bearer <token>`.' });
builder.subscriptionType({ description: 'Live updates over WebSocket (graphql-transport-ws) or Server-Sent Events.' });

async function mayActOn(ctx: Context, postId: string, action: PostAction | 'read' | 'comment'): Promise<boolean> {
  const userId = viewerUserId(ctx);
  if (!userId) return false;
  const { authorId, role } = await postAccessOf(ctx, postId, userId);
  if (action === 'read') return mayDo(role, 'readPosts');
  if (action === 'comment') return mayDo(role, 'comment');
  return mayActOnPost(role, action, authorId === userId);
}

/** The signed-in member making a change, with the request's id: what services record in the audit log. */
export function requireActor(ctx: Context): MemberActor {
  return { userId: requireUserId(ctx), requestId: ctx.requestId };
}

/** Resolver guard for fields whose scope is `authenticated`: narrows the viewer to a user. */
export function requireUserId(ctx: Context): string {
  const userId = viewerUserId(ctx);
  if (!userId) throw ctx.authProblem ?? unauthenticated();
  return userId;
}
