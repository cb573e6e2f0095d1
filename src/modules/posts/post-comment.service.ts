import { randomUUID } from 'node:crypto';
import type { PostComment, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
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
    async add(postId: string, actor: MemberActor, body: string, query: CommentQuery = {}) {
      const id = randomUUID();
      const comment = await prisma.$transaction(async (tx) => {
        const post = await tx.post.findUnique({ where: { id: postId }, select: { workspaceId: true } });
        if (!post) throw notFound('Post');
        const created = await tx.postComment.create({ ...query, data: { id, postId, authorId: actor.userId, body } });
        const changes = snapshot('after', { body });
        await recordAudit(tx, actor, { workspaceId: post.workspaceId, action: 'COMMENT_ADDED', target: { type: 'COMMENT', id }, changes });
        return created;
      });
      await evict(postId);
      onAdded?.(await prisma.postComment.findUniqueOrThrow({ where: { id } }));
      return comment;
    },

    /** Its author only. */
    async edit(id: string, actor: MemberActor, body: string, query: CommentQuery = {}) {
      const { comment } = await read(id, actor.userId);
      if (comment.authorId !== actor.userId) throw forbidden('Only its author can edit a comment.');
      const edited = await prisma.$transaction(async (tx) => {
        const updated = await tx.postComment.update({ ...query, where: { id }, data: { body } });
        const changes = changedFields({ body: comment.body }, { body });
        await recordAudit(tx, actor, { workspaceId: comment.post.workspaceId, action: 'COMMENT_EDITED', target: { type: 'COMMENT', id }, changes });
        return updated;
      });
      await evict(comment.postId);
      return edited;
    },

    /** Its author, or an OWNER or ADMIN of the post's workspace. */
    async delete(id: string, actor: MemberActor): Promise<void> {
      const { comment, role } = await read(id, actor.userId);
      if (comment.authorId !== actor.userId && role !== 'OWNER' && role !== 'ADMIN') throw forbidden('Only its author or an ADMIN can delete a comment.');
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.postComment.deleteMany({ where: { id } });
        if (count === 0) throw notFound('Comment');
        const changes = snapshot('before', { body: comment.body });
        await recordAudit(tx, actor, { workspaceId: comment.post.workspaceId, action: 'COMMENT_DELETED', target: { type: 'COMMENT', id }, changes });
      });
      await evict(comment.postId);
    },
  };
}
