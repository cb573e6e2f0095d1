import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { ONE_KIND_MESSAGE, oneKindAtMost } from './attachment.rules.js';
import { ArticleInput, PollInput } from './attachment.schema.js';
import { contentSchema, hashtagsSchema } from './post.rules.js';
import { Post, PostTone, PostVisibility } from './post.schema.js';

const CreatePostInput = builder.inputType('CreatePostInput', {
  description: 'A new draft post.',
  fields: (t) => ({
    content: t.string({ required: true, description: 'The text, 1 to 3,000 characters.' }),
    hashtags: t.stringList({ description: 'Hashtags with or without "#", beyond those written inline in the content (which are added too).' }),
    tone: t.field({ type: PostTone }),
    visibility: t.field({ type: PostVisibility, defaultValue: 'PUBLIC' }),
    workspaceId: t.globalID({
      for: Workspace,
      description: 'The workspace to write it in, where you are OWNER, ADMIN or EDITOR (FORBIDDEN otherwise). Default: your personal workspace.',
    }),
    article: t.field({ type: ArticleInput, description: 'Makes it an article post (one content kind at most).' }),
    poll: t.field({ type: PollInput, description: 'Makes it a poll (one content kind at most).' }),
  }),
  validate: z.object({ content: contentSchema, hashtags: hashtagsSchema.nullish() }).loose().refine(oneKindAtMost, { message: ONE_KIND_MESSAGE }),
});

const UpdatePostInput = builder.inputType('UpdatePostInput', {
  description: 'Changes to a post; omitted fields stay as they are. Changing the content or the hashtags re-runs the analysis.',
  fields: (t) => ({
    content: t.string({ description: 'The new text; inline #tags it no longer has leave `Post.hashtags`.' }),
    hashtags: t.stringList({
      description:
        "Replaces the hashtags given beyond the text; a tag the content also has counts as the content's and leaves when the text " +
        'drops it. Omitted, the tags given before stay.',
    }),
    tone: t.field({ type: PostTone }),
    visibility: t.field({ type: PostVisibility }),
    article: t.field({
      type: ArticleInput,
      description: 'Replaces what the post carries with this article; null removes the attachment, whatever its kind.',
    }),
    poll: t.field({ type: PollInput, description: 'Replaces what the post carries with this poll; null removes the attachment, whatever its kind.' }),
    expectedVersion: t.int({
      description: 'The `version` you last read: if the post changed since, the edit is refused with CONFLICT and changes nothing.',
    }),
  }),
  validate: z
    .object({ content: contentSchema.nullish(), hashtags: hashtagsSchema.nullish(), expectedVersion: z.number().int().min(1, 'must be at least 1').nullish() })
    .loose()
    .refine(oneKindAtMost, { message: ONE_KIND_MESSAGE }),
});

builder.mutationFields((t) => {
  const id = () => t.arg.globalID({ for: Post, required: true, description: "The post's global ID." });
  return {
    createPost: t.prismaField({
      type: 'Post',
      description: 'Creates a DRAFT post written by you, in your personal workspace or the one named.',
      args: { input: t.arg({ type: CreatePostInput, required: true }) },
      authScopes: (_root, { input }) =>
        input.workspaceId ? { workspacePermission: { workspaceId: input.workspaceId.id, action: 'writeOwnPosts' } } : { authenticated: true },
      resolve: (query, _root, { input: { workspaceId, ...draft } }, ctx) =>
        ctx.services.posts.create(requireActor(ctx), { ...draft, workspaceId: workspaceId?.id }, query),
    }),
    updatePost: t.prismaField({
      type: 'Post',
      description:
        "Edits one of your posts. FORBIDDEN for someone else's, NOT_FOUND for a missing one, CONFLICT (and nothing changes) when it " +
        'is being published, is archived, or is no longer at `expectedVersion`.',
      args: { id: id(), input: t.arg({ type: UpdatePostInput, required: true }) },
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: (query, _root, { id, input }, ctx) => ctx.services.posts.update(id.id, input, requireActor(ctx), query),
    }),
    deletePost: t.id({
      description: 'Deletes one of your posts and its analytics; returns its ID. CONFLICT while it is being published to LinkedIn.',
      args: { id: id() },
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (_root, args, ctx) => {
        await ctx.services.posts.delete(args.id.id, requireActor(ctx));
        return encodeGlobalID(args.id.typename, args.id.id);
      },
    }),
  };
});
