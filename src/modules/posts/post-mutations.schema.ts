import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { actingOn } from '../../graphql/post-access.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { type MediaRef, MULTI_IMAGE_MAX, MULTI_IMAGE_MIN, multiImageSchema, ONE_KIND_MESSAGE, oneKindAtMost } from './attachment.rules.js';
import { ArticleInput, PollInput, PostMediaInput } from './attachment.schema.js';
import { contentSchema, hashtagsSchema } from './post.rules.js';
import { Post, PostTone, PostVisibility } from './post.schema.js';

const MEDIA_DESCRIPTION = "Makes it an image or a document post: one READY media of the post's workspace (a document needs a `title`).";
const MULTI_IMAGE_DESCRIPTION = `Makes it a multi-image post: ${MULTI_IMAGE_MIN} to ${MULTI_IMAGE_MAX} different READY images of the post's workspace, in order, without titles.`;

type MediaInput = { id: { id: string }; title?: string | null };

/** The media inputs with their raw ids, keeping null (removes the attachment) and undefined (keeps it) apart. */
function mediaChoice(input: { media?: MediaInput | null; multiImage?: readonly MediaInput[] | null }) {
  const ref = (item: MediaInput): MediaRef => ({ id: item.id.id, title: item.title });
  return {
    media: input.media ? ref(input.media) : input.media,
    multiImage: input.multiImage ? input.multiImage.map(ref) : input.multiImage,
  };
}

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
    media: t.field({ type: PostMediaInput, description: MEDIA_DESCRIPTION }),
    multiImage: t.field({ type: [PostMediaInput], description: MULTI_IMAGE_DESCRIPTION }),
  }),
  validate: z
    .object({ content: contentSchema, hashtags: hashtagsSchema.nullish(), multiImage: multiImageSchema.nullish() })
    .loose()
    .refine(oneKindAtMost, { message: ONE_KIND_MESSAGE }),
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
    media: t.field({ type: PostMediaInput, description: `${MEDIA_DESCRIPTION} Replaces what the post carries; null removes the attachment.` }),
    multiImage: t.field({
      type: [PostMediaInput],
      description: `${MULTI_IMAGE_DESCRIPTION} Replaces what the post carries; null removes the attachment.`,
    }),
    expectedVersion: t.int({
      description: 'The `version` you last read: if the post changed since, the edit is refused with CONFLICT and changes nothing.',
    }),
  }),
  validate: z
    .object({
      content: contentSchema.nullish(),
      hashtags: hashtagsSchema.nullish(),
      expectedVersion: z.number().int().min(1, 'must be at least 1').nullish(),
      multiImage: multiImageSchema.nullish(),
    })
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
        ctx.services.posts.create(requireActor(ctx), { ...draft, ...mediaChoice(draft), workspaceId: workspaceId?.id }, query),
    }),
    updatePost: t.prismaField({
      type: 'Post',
      description:
        "Edits one of your posts. FORBIDDEN for someone else's, NOT_FOUND for a missing one, CONFLICT (and nothing changes) when it " +
        'is being published, is archived, or is no longer at `expectedVersion`.',
      args: { id: id(), input: t.arg({ type: UpdatePostInput, required: true }) },
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, input }, ctx) => {
        const { actor, member } = await actingOn(ctx, id.id, requireActor(ctx));
        return ctx.services.posts.update(id.id, { ...input, ...mediaChoice(input) }, actor, query, member);
      },
    }),
    deletePost: t.id({
      description: 'Deletes one of your posts and its analytics; returns its ID. CONFLICT while it is being published to LinkedIn.',
      args: { id: id() },
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (_root, args, ctx) => {
        const { actor, member } = await actingOn(ctx, args.id.id, requireActor(ctx));
        await ctx.services.posts.delete(args.id.id, actor, member);
        return encodeGlobalID(args.id.typename, args.id.id);
      },
    }),
  };
});
