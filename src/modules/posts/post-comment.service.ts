import type { PostComment, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { memberOnPost } from './post-membership.service.js';

/** The selection a GraphQL resolver wants back. */
type CommentQuery = { include?: Prisma.PostCommentInclude; select?: Prisma.PostCommentSelect };

export interface PostCommentServiceDeps {
  prisma: PrismaClient;
  cache?: ResponseCacheInvalidator;
  /** Told of every comment added, for `postCommentAdded`. */
  onAdded?: (comment: PostComment) => void;
}

/** Comments of a post's team. Callers have checked that the actor may see the post (the postCommenter or postReader scope, or editableBy). */
export function createPostCommentService({ prisma, cache, onAdded }: PostCommentServiceDeps) {
  const evict = (postId: string) => cache?.invalidate([{ typename: 'Post', id: postId }]);

  /** The comment with its post's author; NOT_FOUND when it does not exist or its post is not the actor's to see. */
  async function read(id: string, actorId: string) {
    const comment = await prisma.postComment.findUnique({ where: { id }, include: { post: { select: { workspaceId: true } } } });
    if (!comment) throw notFound('Comment');
    const { role } = await memberOnPost(prisma, comment.post, actorId);
    if (role === 'VIEWER') throw notFound('Comment');
    return { comment, role };
  }

  return {
    async add(postId: string, authorId: string, body: string, query: CommentQuery = {}) {
      const comment = await prisma.postComment.create({ ...query, data: { postId, authorId, body } });
      await evict(postId);
      onAdded?.(await prisma.postComment.findUniqueOrThrow({ where: { id: comment.id } }));
      return comment;
    },

    /** Its author only. */
    async edit(id: string, actorId: string, body: string, query: CommentQuery = {}) {
      const { comment } = await read(id, actorId);
      if (comment.authorId !== actorId) throw forbidden('Only its author can edit a comment.');
      const edited = await prisma.postComment.update({ ...query, where: { id }, data: { body } });
      await evict(comment.postId);
      return edited;
    },

    /** Its author, or an OWNER or ADMIN of the post's workspace. */
    async delete(id: string, actorId: string): Promise<void> {
      const { comment, role } = await read(id, actorId);
      if (comment.authorId !== actorId && role !== 'OWNER' && role !== 'ADMIN') throw forbidden('Only its author or an ADMIN can delete a comment.');
      await prisma.postComment.deleteMany({ where: { id } });
      await evict(comment.postId);
    },
  };
}
