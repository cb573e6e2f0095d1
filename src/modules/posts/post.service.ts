import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { badField, conflict, notFound } from '../../shared/errors.js';
import type { PostAnalysis } from '../analysis/analyze.js';
import { extractHashtags, normalizeHashtags } from '../analysis/hashtags.js';
import { MAX_SCHEDULE_AHEAD_MS } from './post.rules.js';
import type { ResponseCacheInvalidator } from '../../infra/cache/response-cache-invalidator.js';

type PostStatus = Prisma.PostCreateInput['status'] & string;
type PostTone = NonNullable<Prisma.PostCreateInput['tone']>;
type PostVisibility = NonNullable<Prisma.PostCreateInput['visibility']>;

/** The selection a caller (a GraphQL resolver) wants back; spread into every Prisma call. */
export type PostQuery = { include?: Prisma.PostInclude; select?: Prisma.PostSelect };

export interface PostDraft {
  content: string;
  hashtags?: readonly string[] | null;
  tone?: PostTone | null;
  visibility?: PostVisibility | null;
}

export type PostChanges = { [K in keyof PostDraft]?: PostDraft[K] | null };

export interface PostServiceDeps {
  prisma: PrismaClient;
  analyze: (text: string, options: { hashtags: readonly string[] }) => PostAnalysis;
  /** Evicts cached responses that contained a post once it changes. */
  cache?: ResponseCacheInvalidator;
}

const PUBLISHABLE: PostStatus[] = ['DRAFT', 'SCHEDULED', 'FAILED'];
const EDITABLE: PostStatus[] = ['DRAFT', 'SCHEDULED', 'FAILED', 'PUBLISHED'];

export function createPostService({ prisma, analyze, cache }: PostServiceDeps) {
  /**
   * Responses containing the post, and every list, search or empty look-up of posts: a write can
   * change which posts those show (status, hashtags, content), not only the post's own fields.
   */
  const changed = async <T>(id: string, result: T): Promise<T> => {
    await cache?.invalidate([{ typename: 'Post', id }, { typename: 'Post' }, { typename: 'Node' }]);
    return result;
  };

  const hashtagsOf = (content: string, explicit?: readonly string[] | null) =>
    normalizeHashtags([...(explicit ?? []), ...extractHashtags(content)]);

  /** Moves a post between statuses atomically; CONFLICT when it is not in an allowed one. */
  async function transition(id: string, from: PostStatus[], data: Prisma.PostUpdateManyMutationInput, action: string) {
    const { count } = await prisma.post.updateMany({ where: { id, status: { in: from } }, data });
    if (count === 1) return;
    const post = await prisma.post.findUnique({ where: { id }, select: { status: true } });
    if (!post) throw notFound('Post');
    throw conflict(`Cannot ${action} a post that is ${post.status}.`);
  }

  return {
    /** Posts a viewer may read: everything published, plus their own. */
    visibleTo(viewerId: string | undefined): Prisma.PostWhereInput {
      return viewerId ? { OR: [{ status: 'PUBLISHED' }, { authorId: viewerId }] } : { status: 'PUBLISHED' };
    },

    /** NOT_FOUND when the post does not exist, so authorisation never hides a typo. */
    async isAuthor(postId: string, userId: string | undefined): Promise<boolean> {
      const post = await prisma.post.findUnique({ where: { id: postId }, select: { authorId: true } });
      if (!post) throw notFound('Post');
      return userId !== undefined && post.authorId === userId;
    },

    /** Analytics are the author's, unless the post is published publicly. */
    async canSeeAnalytics(postId: string, viewerId: string | undefined): Promise<boolean> {
      const post = await prisma.post.findUnique({ where: { id: postId }, select: { authorId: true, status: true, visibility: true } });
      if (!post) throw notFound('Post');
      return post.authorId === viewerId || (post.status === 'PUBLISHED' && post.visibility === 'PUBLIC');
    },

    async create(authorId: string, draft: PostDraft, query: PostQuery = {}) {
      const hashtags = hashtagsOf(draft.content, draft.hashtags);
      const post = await prisma.post.create({
        ...query,
        data: {
          authorId,
          content: draft.content,
          hashtags,
          tone: draft.tone ?? null,
          visibility: draft.visibility ?? 'PUBLIC',
          analysis: analyze(draft.content, { hashtags }) as unknown as Prisma.InputJsonValue,
          totals: { create: {} },
        },
      });
      return changed(post.id, post);
    },

    async update(id: string, changes: PostChanges, query: PostQuery = {}) {
      const current = await prisma.post.findUnique({ where: { id }, select: { content: true, hashtags: true, status: true } });
      if (!current) throw notFound('Post');
      if (!EDITABLE.includes(current.status)) throw conflict(`Cannot edit a post that is ${current.status}.`);
      const content = changes.content ?? current.content;
      const contentChanged = changes.content != null && changes.content !== current.content;
      const hashtags = changes.hashtags != null || contentChanged ? hashtagsOf(content, changes.hashtags ?? current.hashtags) : undefined;
      const post = await prisma.post.update({
        ...query,
        where: { id },
        data: {
          ...(contentChanged ? { content, contentVersion: { increment: 1 } } : {}),
          ...(hashtags ? { hashtags, analysis: analyze(content, { hashtags }) as unknown as Prisma.InputJsonValue } : {}),
          ...(changes.tone !== undefined ? { tone: changes.tone } : {}),
          ...(changes.visibility ? { visibility: changes.visibility } : {}),
        },
      });
      return changed(id, post);
    },

    async delete(id: string): Promise<void> {
      const { count } = await prisma.post.deleteMany({ where: { id } });
      if (count === 0) throw notFound('Post');
      await changed(id, undefined);
    },

    async publish(id: string, query: PostQuery = {}) {
      await transition(id, PUBLISHABLE, { status: 'PUBLISHED', publishedAt: new Date(), scheduledAt: null }, 'publish');
      return changed(id, await prisma.post.findUniqueOrThrow({ ...query, where: { id } }));
    },

    async schedule(id: string, at: Date, query: PostQuery = {}, now = new Date()) {
      if (at.getTime() <= now.getTime()) throw badField('at', 'must be in the future');
      if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw badField('at', 'must be at most a year ahead');
      await transition(id, PUBLISHABLE, { status: 'SCHEDULED', scheduledAt: at }, 'schedule');
      return changed(id, await prisma.post.findUniqueOrThrow({ ...query, where: { id } }));
    },

    /** Ranked full-text search over visible posts: one page of ids and the total match count. */
    async search(text: string, viewerId: string | undefined, offset: number, limit: number) {
      const visible = viewerId ? `(status = 'PUBLISHED' OR author_id = $2::uuid)` : `status = 'PUBLISHED'`;
      const params: unknown[] = viewerId ? [text, viewerId] : [text];
      const rows = await prisma.$queryRawUnsafe<{ id: string; total: bigint }[]>(
        `SELECT id, count(*) OVER () AS total
           FROM posts, websearch_to_tsquery('english', $1) AS q
          WHERE search_vector @@ q AND ${visible}
          ORDER BY ts_rank_cd(search_vector, q) DESC, created_at DESC, id
          OFFSET ${offset} LIMIT ${limit}`,
        ...params,
      );
      return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
    },
  };
}

export type PostService = ReturnType<typeof createPostService>;
