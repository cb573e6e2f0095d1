import { queryFromInfo } from '@pothos/plugin-prisma';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.js';
import type { FieldRateLimit } from '../../plugins/rate-limit.js';
import { builder } from '../../schema/builder.js';
import { viewerUserId } from '../../context.js';
import { normalizeHashtag } from '../analysis/hashtags.js';
import { User } from '../users/user.schema.js';
import { Post, PostConnection, PostStatus, PostTone } from './post.type.js';
import { SEARCH_RANK_WINDOW } from './post.service.js';

const PostOrder = builder.enumType('PostOrder', {
  description: 'How to sort posts.',
  values: {
    NEWEST: { description: 'Most recently created first.' },
    OLDEST: { description: 'Oldest first.' },
    MOST_ENGAGED: { description: 'Most reactions + comments + reposts + clicks first.' },
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
  }),
});

const ORDER_BY: Record<'NEWEST' | 'OLDEST' | 'MOST_ENGAGED', Prisma.PostOrderByWithRelationInput[]> = {
  NEWEST: [{ createdAt: 'desc' }, { id: 'desc' }],
  OLDEST: [{ createdAt: 'asc' }, { id: 'asc' }],
  MOST_ENGAGED: [{ totals: { engagements: 'desc' } }, { createdAt: 'desc' }, { id: 'desc' }],
};

type PostFilterValue = typeof PostFilter.$inferInput | null | undefined;

function postsWhere(
  filter: PostFilterValue,
  viewerId: string | undefined,
  visibleTo: (viewerId: string | undefined) => Prisma.PostWhereInput,
): Prisma.PostWhereInput {
  return {
    AND: [
      visibleTo(viewerId),
      {
        authorId: filter?.authorId?.id,
        status: filter?.status ?? undefined,
        tone: filter?.tone ?? undefined,
        hashtags: filter?.hashtag ? { has: normalizeHashtag(filter.hashtag) ?? '' } : undefined,
        createdAt: { gte: filter?.createdAfter ?? undefined, lt: filter?.createdBefore ?? undefined },
      },
    ],
  };
}

builder.queryFields((t) => ({
  post: t.prismaField({
    type: 'Post',
    nullable: true,
    description: 'One post by ID; null when it does not exist or is someone else\'s unpublished post.',
    args: { id: t.arg.globalID({ for: Post, required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.post.findFirst({ ...query, where: { id: id.id, ...ctx.services.posts.visibleTo(viewerUserId(ctx)) } }),
  }),

  posts: t.prismaConnection(
    {
      type: 'Post',
      cursor: 'id',
      description: 'Published posts, plus your own drafts and scheduled posts when signed in.',
      args: {
        filter: t.arg({ type: PostFilter }),
        orderBy: t.arg({ type: PostOrder, defaultValue: 'NEWEST' }),
      },
      resolve: (query, _root, { filter, orderBy }, ctx) =>
        ctx.prisma.post.findMany({
          ...query,
          where: postsWhere(filter, viewerUserId(ctx), ctx.services.posts.visibleTo),
          orderBy: ORDER_BY[orderBy ?? 'NEWEST'],
        }),
      totalCount: (_connection, { filter }, ctx) =>
        ctx.prisma.post.count({ where: postsWhere(filter, viewerUserId(ctx), ctx.services.posts.visibleTo) }),
    },
    PostConnection,
  ),

  searchPosts: t.connection(
    {
      type: Post,
      description:
        `Full-text search over post content and hashtags, best match first among the ${SEARCH_RANK_WINDOW.toLocaleString('en')} most recent matches ` +
        '(totalCount counts every match). Supports "quoted phrases", OR and -exclusions.',
      extensions: { rateLimit: 'search' satisfies FieldRateLimit },
      args: {
        query: t.arg.string({
          required: true,
          validate: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
        }),
      },
      resolve: async (_root, args, ctx, info) => {
        const viewerId = viewerUserId(ctx);
        const connection = await resolveOffsetConnection({ args }, async ({ offset, limit }) => {
          const ids = await ctx.services.posts.search(args.query, viewerId, offset, limit);
          if (!ids.length) return [];
          const posts = await ctx.prisma.post.findMany({
            ...queryFromInfo({ context: ctx, info, typeName: 'Post', path: ['edges', 'node'] }),
            where: { id: { in: ids } },
          });
          const byId = new Map(posts.map((p) => [p.id, p]));
          return ids.flatMap((id) => byId.get(id) ?? []);
        });
        return { ...connection, totalCount: () => ctx.services.posts.searchCount(args.query, viewerId) };
      },
    },
    PostConnection,
  ),
}));
