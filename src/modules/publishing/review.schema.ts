import { builder, requireActor } from '../../graphql/builder.js';
import { actingOn } from '../../graphql/post-access.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { noteSchema } from '../posts/post.rules.js';
import { Post } from '../posts/post.schema.js';
import { postTransitionArgs } from './publishing.schema.js';

/** Longest review comment, in characters. */
const MAX_REVIEW_COMMENT = 2000;

const reviewComment = noteSchema(MAX_REVIEW_COMMENT);

builder.prismaObjectFields(Post, (t) => ({
  reviewComment: t.string({
    nullable: true,
    description: 'What the reviewer asked to change (requestChanges), until the post is submitted again. Only the author sees it.',
    extensions: { cache: { private: true } satisfies CachePolicy },
    select: { authorId: true, reviewComment: true },
    resolve: (post, _args, ctx) => (post.authorId === viewerUserId(ctx) ? post.reviewComment : null),
  }),
}));

builder.mutationFields((t) => {
  return {
    submitForReview: t.prismaField({
      type: 'Post',
      description:
        'Asks for a DRAFT or FAILED post to be reviewed: it becomes IN_REVIEW (watch `postStatusChanged`). Where the workspace ' +
        'requires approval, an EDITOR can schedule or publish a post only once it is approved. CONFLICT from any other status.',
      args: postTransitionArgs,
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, expectedVersion }, ctx) =>
        ctx.services.publishing.review(id.id, { action: 'submitForReview' }, { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion }, query),
    }),
    approvePost: t.prismaField({
      type: 'Post',
      description: 'Approves an IN_REVIEW post (ADMIN or OWNER): it becomes APPROVED, ready to schedule or publish. CONFLICT from any other status.',
      args: postTransitionArgs,
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, expectedVersion }, ctx) =>
        ctx.services.publishing.review(id.id, { action: 'approve' }, { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion }, query),
    }),
    requestChanges: t.prismaField({
      type: 'Post',
      description:
        'Sends an IN_REVIEW or APPROVED post back to DRAFT (ADMIN or OWNER) with `comment`, shown as `reviewComment`. ' +
        `BAD_USER_INPUT when the comment is empty, over ${MAX_REVIEW_COMMENT} characters or holds NUL; CONFLICT from any other status.`,
      args: { ...postTransitionArgs, comment: t.arg.string({ required: true, description: 'What to change.', validate: reviewComment }) },
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, comment, expectedVersion }, ctx) =>
        ctx.services.publishing.review(
          id.id,
          { action: 'requestChanges', comment },
          { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion },
          query,
        ),
    }),
  };
});
