import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import { viewerRoleIn } from '../../graphql/workspace-roles.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { archivedCondition } from './post.rules.js';
import { Post, PostConnection, PostStatus } from './post.schema.js';
import { resolvePostPage } from './post-pages.js';
import { type PageWindow, postKeyOf, postPageQuery, selectingSortKey } from './post-paging.rules.js';

builder.prismaObjectField(Workspace, 'posts', (t) =>
  t.connection(
    {
      type: Post,
      description:
        "The workspace's feed: every post of its members, drafts included, newest first (ARCHIVED ones with `includeArchived` or `status: ARCHIVED`).",
      // No membership tag: every change to a post of the workspace evicts the answers holding the workspace (post-cache.rules.ts).
      extensions: { cache: { ttlMs: MINUTE } satisfies CachePolicy },
      args: {
        status: t.arg({ type: PostStatus, description: 'Only posts in this status.' }),
        includeArchived: t.arg.boolean({ defaultValue: false, description: 'Include ARCHIVED posts, left out otherwise.' }),
      },
      select: { id: true },
      // Only members reach a workspace, so nothing more hides its posts. One statement for the page, with what its posts select.
      resolve: async (workspace, { status, includeArchived, ...args }, ctx, info) => {
        const where: Prisma.PostWhereInput = { workspaceId: workspace.id, status: status ?? archivedCondition(includeArchived) };
        const query = selectingSortKey(queryFromInfo({ context: ctx, info, typeName: 'Post', path: ['edges', 'node'] }), 'NEWEST');
        const connection = await resolvePostPage('NEWEST', args, postKeyOf, (window: PageWindow) =>
          ctx.prisma.post.findMany({ ...query, ...postPageQuery('NEWEST', window, where) }),
        );
        return { ...connection, totalCount: () => ctx.prisma.post.count({ where }) };
      },
    },
    PostConnection,
  ),
);

builder.prismaObjectFields(Post, (t) => ({
  workspace: t.field({
    type: Workspace,
    nullable: true,
    description: 'The workspace it belongs to; null unless you are a member.',
    select: (_args, _ctx, nested) => ({ workspaceId: true, workspace: nested(true) }),
    resolve: async (post, _args, ctx) => {
      answerDependsOnViewer(ctx);
      // The caller's roles for a whole page of posts come in one statement (DataLoader).
      return (await viewerRoleIn(ctx, post.workspaceId)) ? post.workspace : null;
    },
  }),
}));
