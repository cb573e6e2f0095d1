import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type ArgumentCachePolicy, type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOn, answerDependsOnViewer, answerDiffersForOwner } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { normalizeHashtag } from '../analysis/hashtags.rules.js';
import { ENGAGEMENT_RANKINGS } from '../analytics/metrics-cache.rules.js';
import { User } from '../users/user.schema.js';
import { archivedCondition } from './post.rules.js';
import { Post, PostConnection, PostStatus, PostTone } from './post.schema.js';
import { resolvePostPage } from './post-pages.js';
import { type PostOrder as Order, type PageWindow, type PostKey, postKeyOf, postPageQuery, selectingSortKey } from './post-paging.rules.js';
import { SEARCH_RANK_WINDOW } from './post-search.service.js';
import { canonicalSearchText } from './search-text.js';

const PostOrder = builder.enumType('PostOrder', {
  description: 'How to sort posts.',
  values: {
    NEWEST: { description: 'Most recently created first.' },
    OLDEST: { description: 'Oldest first.' },
    MOST_ENGAGED: { description: 'Most reactions + comments + reposts + clicks first.' },
    SCHEDULED: { description: 'By `scheduledAt`, soonest first; posts never scheduled come after every scheduled one.' },
  },
});

const PostFilter = builder.inputType('PostFilter', {
  description: 'Narrows a list of posts; all given conditions must hold.',
  fields: (t) => ({
    authorId: t.globalID({ for: User, description: 'Only posts by this user.' }),
    status: t.field({ type: PostStatus, description: 'Only posts in this status (drafts etc. are only yours).' }),
    tone: t.field({ type: PostTone }),
    hashtag: t.string({ description: 'Only posts tagged with this hashtag ("#AI" and "ai" are the same).', validate: z.string().max(101) }),
    createdAfter: t.field({ type: 'DateTime', description: 'Created at or after this instant.' }),
    createdBefore: t.field({ type: 'DateTime', description: 'Created before this instant.' }),
    scheduledAfter: t.field({ type: 'DateTime', description: 'Scheduled at or after this instant (posts with a `scheduledAt`).' }),
    scheduledBefore: t.field({ type: 'DateTime', description: 'Scheduled before this instant (posts with a `scheduledAt`).' }),
    includeArchived: t.boolean({
      description: 'With your own `authorId`: include your ARCHIVED posts, left out otherwise. `status: ARCHIVED` lists only them.',
    }),
  }),
});

type PostFilterValue = typeof PostFilter.$inferInput | null | undefined;

/** Published posts, plus the caller's own unpublished ones when they ask for theirs (by authorId or by status). */
function listsOwnUnpublished(filter: PostFilterValue, viewerId: string | undefined): boolean {
  return viewerId !== undefined && (filter?.authorId?.id === viewerId || (filter?.status != null && filter.status !== 'PUBLISHED'));
}

/** Tells the response cache whose answer to this listing differs: without a filter on them, nobody's. */
function recordListingScope(ctx: Context, filter: PostFilterValue, orderBy: Order) {
  if (filter?.authorId) answerDiffersForOwner(ctx, filter.authorId.id);
  else if (filter?.status != null && filter.status !== 'PUBLISHED') answerDependsOnViewer(ctx);
  if (orderBy === 'MOST_ENGAGED') answerDependsOn(ctx, ENGAGEMENT_RANKINGS);
}

function postsWhere(filter: PostFilterValue, ctx: Context): Prisma.PostWhereInput {
  const viewerId = viewerUserId(ctx);
  const ownUnpublished = listsOwnUnpublished(filter, viewerId);
  return {
    AND: [
      ctx.services.posts.visibleTo(ownUnpublished ? viewerId : undefined),
      {
        authorId: filter?.authorId?.id,
        // Only the caller's own posts can be ARCHIVED in a listing: the published feed needs no condition.
        status: filter?.status ?? (ownUnpublished ? archivedCondition(filter?.includeArchived) : undefined),
        tone: filter?.tone ?? undefined,
        hashtags: filter?.hashtag ? { has: normalizeHashtag(filter.hashtag) ?? '' } : undefined,
        createdAt: { gte: filter?.createdAfter ?? undefined, lt: filter?.createdBefore ?? undefined },
        ...(filter?.scheduledAfter || filter?.scheduledBefore
          ? { scheduledAt: { gte: filter.scheduledAfter ?? undefined, lt: filter.scheduledBefore ?? undefined } }
          : {}),
      },
    ],
  };
}

/** The Prisma query Pothos built, with the post's status selected too. */
function withStatus<Q extends { select?: Prisma.PostSelect; include?: Prisma.PostInclude }>(query: Q): Q {
  return query.select ? { ...query, select: { ...query.select, status: true } } : query;
}

builder.queryFields((t) => ({
  post: t.prismaField({
    type: 'Post',
    nullable: true,
    description: "One post by ID; null when it does not exist or is someone else's unpublished post.",
    extensions: { cache: { nullIsOwnAnswer: true } satisfies CachePolicy },
    args: { id: t.arg.globalID({ for: Post, required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const post = await ctx.prisma.post.findFirst({ ...withStatus(query), where: { id: id.id, ...ctx.services.posts.visibleTo(viewerUserId(ctx)) } });
      // Only its author sees an unpublished post (a null answer is the caller's own by the cache policy).
      if (post && post.status !== 'PUBLISHED') answerDependsOnViewer(ctx);
      return post;
    },
  }),

  posts: t.connection(
    {
      type: Post,
      extensions: { cache: { ttlMs: MINUTE, membership: ['Post'] } satisfies CachePolicy },
      description:
        'Published posts, newest first. Signed in, filter by your own `authorId` or by a `status` other than PUBLISHED ' +
        'to include your drafts, scheduled and failed posts; your archived ones with `includeArchived` (or `status: ARCHIVED`).',
      args: {
        filter: t.arg({ type: PostFilter }),
        orderBy: t.arg({ type: PostOrder, defaultValue: 'NEWEST' }),
      },
      resolve: async (_root, { filter, orderBy, ...args }, ctx, info) => {
        const order = orderBy ?? 'NEWEST';
        recordListingScope(ctx, filter, order);
        const where = postsWhere(filter, ctx);
        const query = selectingSortKey(queryFromInfo({ context: ctx, info, typeName: 'Post', path: ['edges', 'node'] }), order);
        const connection = await resolvePostPage(order, args, postKeyOf, async (window: PageWindow) =>
          ctx.prisma.post.findMany({ ...query, ...postPageQuery(order, window, where) }),
        );
        return { ...connection, totalCount: () => ctx.prisma.post.count({ where }) };
      },
    },
    PostConnection,
  ),

  searchPosts: t.connection(
    {
      type: Post,
      description:
        `Full-text search over post content and hashtags, best match first among the ${SEARCH_RANK_WINDOW.toLocaleString('en')} most recent matches ` +
        '(totalCount counts every match). Supports "quoted phrases", OR and -exclusions.',
      extensions: { rateLimit: 'search' satisfies FieldRateLimit, cache: { ttlMs: MINUTE, membership: ['Post'] } satisfies CachePolicy },
      args: {
        includeArchived: t.arg.boolean({ defaultValue: false, description: 'Include your ARCHIVED posts, left out otherwise.' }),
        query: t.arg.string({
          required: true,
          validate: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
          // Equivalent searches (the same words in another order) share one cached answer.
          extensions: { cache: { canonical: canonicalSearchText } satisfies ArgumentCachePolicy },
        }),
      },
      resolve: async (_root, { query: text, includeArchived, ...args }, ctx, info) => {
        // Signed in, matches include the caller's own drafts; anonymous answers lack everyone's.
        answerDependsOnViewer(ctx);
        const scope = { viewerId: viewerUserId(ctx), includeArchived: includeArchived ?? false };
        const keys = new Map<string, PostKey>();
        const connection = await resolvePostPage(
          'SEARCH',
          args,
          (post: { id: string }) => keys.get(post.id)!,
          async (window: PageWindow) => {
            const hits = await ctx.services.posts.searchPage(text, scope, window);
            if (!hits.length) return [];
            for (const hit of hits) keys.set(hit.id, hit);
            const posts = await ctx.prisma.post.findMany({
              ...queryFromInfo({ context: ctx, info, typeName: 'Post', path: ['edges', 'node'] }),
              where: { id: { in: hits.map((hit) => hit.id) } },
            });
            const byId = new Map(posts.map((p) => [p.id, p]));
            return hits.flatMap((hit) => byId.get(hit.id) ?? []);
          },
        );
        return { ...connection, totalCount: () => ctx.services.posts.searchCount(text, scope) };
      },
    },
    PostConnection,
  ),
}));
