import type { Post as PostRow, Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { User } from '../users/user.schema.js';
import { archivedCondition } from './post.rules.js';
import { Post, PostConnection, PostStatus } from './post.schema.js';
import { pageWindow, resolvePostPage } from './post-pages.js';
import { checkCursors, type PageWindow, postKeyOf, postPageQuery, selectingSortKey } from './post-paging.rules.js';

type Status = Prisma.PostWhereInput['status'] & string;

/** The user themself sees their unpublished posts here (archived ones when asked for), everyone else only the published ones. */
function userPostsWhere(status: Status | null | undefined, includeArchived: boolean | null | undefined, ctx: Context): Prisma.PostWhereInput {
  answerDependsOnViewer(ctx);
  return { AND: [{ status: status ?? archivedCondition(includeArchived) }, ctx.services.posts.visibleTo(viewerUserId(ctx))] };
}

/** Whether the document selects `totalCount` here; Pothos hands a select function this as its fourth argument. */
function selectsTotalCount(planning: unknown[]): boolean {
  const resolveSelection = planning[0];
  return typeof resolveSelection !== 'function' || resolveSelection(['totalCount']) != null;
}

builder.prismaObjectField(User, 'posts', (t) =>
  t.connection(
    {
      type: Post,
      description:
        'Their posts, newest first: published ones for everyone, all of them for the user themself (archived ones with `includeArchived` or `status: ARCHIVED`).',
      extensions: { cache: { ttlMs: MINUTE, membership: ['Post'] } satisfies CachePolicy },
      args: {
        status: t.arg({ type: PostStatus, description: 'Only posts in this status.' }),
        includeArchived: t.arg.boolean({ defaultValue: false, description: 'Include ARCHIVED posts, left out otherwise.' }),
      },
      // The page is read with the user, in the statement that reads them (one for a whole list of users).
      select: ({ status, includeArchived, ...args }, ctx, nestedSelection, ...planning) => {
        const where = userPostsWhere(status, includeArchived, ctx);
        let page: ReturnType<typeof postPageQuery>;
        try {
          page = postPageQuery('NEWEST', pageWindow(args), where);
        } catch {
          // Bad arguments: read nothing, and let the resolver report them on this field.
          return {};
        }
        return {
          posts: selectingSortKey(nestedSelection(page, ['edges', 'node']), 'NEWEST'),
          ...(selectsTotalCount(planning) ? { _count: { select: { posts: { where } } } } : {}),
        };
      },
      resolve: async (user, { status, includeArchived, ...args }, ctx) => {
        userPostsWhere(status, includeArchived, ctx);
        const loaded = user as typeof user & { posts?: PostRow[]; _count?: { posts: number } };
        const connection = await resolvePostPage('NEWEST', args, postKeyOf, async (window: PageWindow) => {
          checkCursors('NEWEST', window);
          return loaded.posts ?? [];
        });
        return { ...connection, totalCount: loaded._count?.posts };
      },
    },
    PostConnection,
  ),
);
