import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder, requireActor } from '../../graphql/builder.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { noteSchema } from './post.rules.js';
import { Post } from './post.schema.js';

/** Longest comment, in characters. */
const MAX_COMMENT_LENGTH = 5000;

const commentBody = noteSchema(MAX_COMMENT_LENGTH);

const PostComment = builder.prismaNode('PostComment', {
  nullable: true,
  extensions: { cache: { private: true } satisfies CachePolicy },
  id: { field: 'id' },
  description: "A team member's comment on a post. Only those who may edit the post see its comments.",
  findUnique: (id, ctx) => ({ id, post: ctx.services.posts.editableBy(viewerUserId(ctx)) }),
  fields: (t) => ({
    author: t.relation('author', { nullable: true, description: 'Who wrote it; null once their account is deleted.' }),
    body: t.exposeString('body'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Later than `createdAt` once edited.' }),
  }),
});

builder.prismaObjectFields(Post, (t) => ({
  comments: t.relatedConnection(
    'comments',
    {
      description: "The team's comments, oldest first. Only those who may edit the post see them; empty for everyone else.",
      extensions: { cache: { private: true } satisfies CachePolicy },
      cursor: 'id',
      query: (_args, ctx) => ({ where: { post: ctx.services.posts.editableBy(viewerUserId(ctx)) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    },
    { name: 'PostCommentConnection', description: 'A page of comments.' },
    { name: 'PostCommentEdge', description: 'A comment in a page, with the cursor that points at it.' },
  ),
}));

builder.mutationFields((t) => {
  const body = () => t.arg.string({ required: true, description: `1 to ${MAX_COMMENT_LENGTH} characters.`, validate: commentBody });
  return {
    addComment: t.prismaField({
      type: PostComment,
      description:
        'Comments on a post of a workspace where you are OWNER, ADMIN or EDITOR; subscribers of `postCommentAdded` get it. BAD_USER_INPUT for an empty or oversized body or one with NUL.',
      args: { postId: t.arg.globalID({ for: Post, required: true }), body: body() },
      authScopes: (_root, args) => ({ postCommenter: args.postId.id }),
      resolve: (query, _root, { postId, body }, ctx) => ctx.services.postComments.add(postId.id, requireActor(ctx), body, query),
    }),
    editComment: t.prismaField({
      type: PostComment,
      description: "Changes the body of a comment you wrote. FORBIDDEN for anyone else's; NOT_FOUND for one you cannot see.",
      args: { id: t.arg.globalID({ for: PostComment, required: true }), body: body() },
      authScopes: { authenticated: true },
      resolve: (query, _root, { id, body }, ctx) => ctx.services.postComments.edit(id.id, requireActor(ctx), body, query),
    }),
    deleteComment: t.id({
      description: 'Deletes a comment you wrote, or any comment on a post you own or administer; returns its ID.',
      args: { id: t.arg.globalID({ for: PostComment, required: true }) },
      authScopes: { authenticated: true },
      resolve: async (_root, { id }, ctx) => {
        await ctx.services.postComments.delete(id.id, requireActor(ctx));
        return encodeGlobalID(id.typename, id.id);
      },
    }),
  };
});

builder.subscriptionField('postCommentAdded', (t) =>
  t.field({
    type: PostComment,
    description: 'Each comment added to the post, live. Members of its workspace only.',
    args: { postId: t.arg.globalID({ for: Post, required: true }) },
    authScopes: (_root, args) => ({ postReader: args.postId.id }),
    subscribe: (_root, { postId }, ctx) => ctx.services.pubsub.subscribe('post:comment', postId.id),
    resolve: (comment) => comment,
  }),
);
