import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { MAX_ALT_TEXT_LENGTH } from './media.rules.js';
import type { UploadTicket as Ticket } from './media.service.js';

const NOBODY = '00000000-0000-0000-0000-000000000000';

const MediaKind = builder.enumType('MediaKind', {
  description: 'What an uploaded file is, as its bytes say (never its name or declared type).',
  values: {
    IMAGE: { description: 'A JPEG, PNG or GIF image.' },
    DOCUMENT: { description: 'A PDF document.' },
  },
});

const MediaStatus = builder.enumType('MediaStatus', {
  description: 'Whether an upload is verified and usable in a post.',
  values: {
    PENDING: { description: 'Announced by `createUpload`; its bytes are not verified until `completeUpload`.' },
    READY: { description: 'Verified and stored, with its thumbnail.' },
  },
});

// Never cached: its URLs are signed and expire.
const Media = builder.prismaNode('Media', {
  nullable: true,
  id: { field: 'id' },
  extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
  description:
    "An image or document of a workspace. Its members see it (null to anyone else), OWNERs, ADMINs and EDITORs attach it to the workspace's posts; " +
    'whoever can read a post sees the media it carries.',
  findUnique: (id, ctx) => ({ id, workspace: { members: { some: { userId: viewerUserId(ctx) ?? NOBODY } } } }),
  fields: (t) => ({
    kind: t.expose('kind', { type: MediaKind }),
    status: t.expose('status', { type: MediaStatus }),
    contentType: t.exposeString('contentType', { description: 'The type its bytes really are (image/jpeg, image/png, image/gif, application/pdf).' }),
    url: t.string({
      nullable: true,
      description:
        'A signed URL to read the file, valid for 15 minutes; with local storage it is relative to the API (resolve it against the API URL). Null while PENDING.',
      select: { storageKey: true, status: true },
      resolve: (media, _args, ctx) => (media.status === 'READY' ? ctx.services.media.readUrl(media.storageKey) : null),
    }),
    thumbnailUrl: t.string({
      nullable: true,
      description: 'A signed URL of a WebP thumbnail (at most 400×400; the first page of a document), valid for 15 minutes. Null while PENDING.',
      select: { thumbnailKey: true },
      resolve: (media, _args, ctx) => (media.thumbnailKey ? ctx.services.media.readUrl(media.thumbnailKey) : null),
    }),
    width: t.exposeInt('width', { nullable: true, description: 'Pixels, for an image.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Pixels, for an image (of one frame of an animated GIF).' }),
    pages: t.exposeInt('pages', { nullable: true, description: 'Pages, for a document.' }),
    altText: t.exposeString('altText', { nullable: true, description: 'What the image shows, for readers who cannot see it.' }),
    bytes: t.exposeInt('bytes', { description: 'Size as stored (images are re-encoded without their metadata); while PENDING, the size announced.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export { Media };

builder.prismaObjectField(Workspace, 'media', (t) =>
  t.relatedConnection(
    'media',
    {
      cursor: 'id',
      description: "The workspace's images and documents, newest first; PENDING uploads included.",
      authScopes: (workspace) => ({ workspacePermission: { workspaceId: workspace.id, action: 'readPosts' } }),
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    },
    { description: 'A page of media.' },
    { description: 'A media in a page, with the cursor that points at it.' },
  ),
);

const UploadHeader = builder.objectRef<{ name: string; value: string }>('UploadHeader').implement({
  description: 'A header the upload PUT must carry.',
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const UploadTicket = builder.objectRef<Ticket>('UploadTicket').implement({
  description: 'Where to send the bytes of a two-step upload: PUT them to `url` with `headers`, then call `completeUpload`.',
  fields: (t) => ({
    media: t.field({ type: Media, nullable: false, resolve: (ticket) => ticket.media }),
    url: t.string({ description: 'A signed URL (relative to the API with local storage), valid until `expiresAt`.', resolve: (ticket) => ticket.target.url }),
    method: t.string({ description: 'Always PUT.', resolve: () => 'PUT' }),
    headers: t.field({
      type: [UploadHeader],
      resolve: (ticket) => Object.entries(ticket.target.headers).map(([name, value]) => ({ name, value })),
    }),
    expiresAt: t.field({ type: 'DateTime', resolve: (ticket) => ticket.target.expiresAt }),
  }),
});

const altText = z.string().max(MAX_ALT_TEXT_LENGTH, `must be at most ${MAX_ALT_TEXT_LENGTH} characters`).nullish();

const WORKSPACE_ARG = 'The workspace it belongs to, where you are OWNER, ADMIN or EDITOR (FORBIDDEN otherwise). Default: your personal workspace.';
const CHANGERS = "Its uploader (OWNER, ADMIN or EDITOR of its workspace) or the workspace's OWNERs and ADMINs; FORBIDDEN for anyone else.";

const CreateUploadInput = builder.inputType('CreateUploadInput', {
  description: 'A file to be sent in two steps, for files too large to pass through the API.',
  fields: (t) => ({
    contentType: t.string({ required: true, description: 'image/jpeg, image/png, image/gif or application/pdf: the bytes must be of this type.' }),
    bytes: t.int({ required: true, description: 'The exact size of the file.', validate: z.number().int().min(1, 'must be at least 1') }),
    altText: t.string({ description: `At most ${MAX_ALT_TEXT_LENGTH} characters.`, validate: altText }),
    workspaceId: t.globalID({ for: Workspace, description: WORKSPACE_ARG }),
  }),
});

const uploadLimit = { rateLimit: 'upload' satisfies FieldRateLimit };

/** Uploading into a named workspace needs useMedia there; into one's personal workspace, only a session. */
const uploadScopes = (workspaceId: { id: string } | null | undefined) =>
  workspaceId ? { workspacePermission: { workspaceId: workspaceId.id, action: 'useMedia' as const } } : { authenticated: true };

/** The workspace an upload goes into: the one named, or the uploader's personal one. */
async function uploader(ctx: Context, workspaceId: { id: string } | null | undefined) {
  const actor = requireActor(ctx);
  return { ...actor, workspaceId: workspaceId?.id ?? (await ctx.services.workspaces.personalWorkspaceId(actor.userId)) };
}
const REFUSALS = 'A refused file is answered MEDIA_INVALID with `extensions.reason` and leaves nothing stored.';

builder.mutationFields((t) => ({
  uploadMedia: t.field({
    type: Media,
    nullable: false,
    description: `Uploads an image or a PDF in a GraphQL multipart request (send the \`x-graphql-csrf\` header). ${REFUSALS}`,
    authScopes: (_root, args) => uploadScopes(args.workspaceId),
    extensions: uploadLimit,
    args: {
      file: t.arg({ type: 'Upload', required: true }),
      altText: t.arg.string({ description: `At most ${MAX_ALT_TEXT_LENGTH} characters.`, validate: altText }),
      workspaceId: t.arg.globalID({ for: Workspace, description: WORKSPACE_ARG }),
    },
    resolve: async (_root, { file, altText, workspaceId }, ctx) =>
      ctx.services.media.upload(await uploader(ctx, workspaceId), { bytes: Buffer.from(await file.arrayBuffer()), declaredType: file.type, altText }),
  }),
  createUpload: t.field({
    type: UploadTicket,
    description: 'Starts a two-step upload: a PENDING media and a signed URL to PUT the bytes to. Refused at once when the type, size or quota forbid it.',
    authScopes: (_root, args) => uploadScopes(args.input.workspaceId),
    extensions: uploadLimit,
    args: { input: t.arg({ type: CreateUploadInput, required: true }) },
    resolve: async (_root, { input: { workspaceId, ...input } }, ctx) => ctx.services.media.createUpload(await uploader(ctx, workspaceId), input),
  }),
  completeUpload: t.field({
    type: Media,
    nullable: false,
    description: `Verifies the bytes PUT for a PENDING media exactly as \`uploadMedia\` would, and makes it READY. ${REFUSALS} Completing a READY media returns it.`,
    authScopes: (_root, args) => ({ mediaEditor: args.id.id }),
    args: { id: t.arg.globalID({ for: Media, required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.media.completeUpload(id.id, requireActor(ctx)),
  }),
  updateMediaAltText: t.field({
    type: Media,
    nullable: false,
    description: `Sets (or with null clears) the alternative text of a media. ${CHANGERS}`,
    authScopes: (_root, args) => ({ mediaEditor: args.id.id }),
    args: {
      id: t.arg.globalID({ for: Media, required: true }),
      altText: t.arg.string({ description: `At most ${MAX_ALT_TEXT_LENGTH} characters; null clears it.`, validate: altText }),
    },
    resolve: async (_root, { id, altText }, ctx) => {
      const media = await ctx.services.media.updateAltText(id.id, altText ?? null, requireActor(ctx));
      // The alt-text warning of the posts carrying it follows.
      await ctx.services.posts.refreshMediaWarnings(media.id);
      return media;
    },
  }),
  deleteMedia: t.id({
    description: `Deletes a media with its stored files; answers its ID. CONFLICT, naming the post, while a post carries it. ${CHANGERS}`,
    authScopes: (_root, args) => ({ mediaEditor: args.id.id }),
    args: { id: t.arg.globalID({ for: Media, required: true }) },
    resolve: async (_root, { id }, ctx) => {
      await ctx.services.media.delete(id.id, requireActor(ctx));
      return encodeGlobalID('Media', id.id);
    },
  }),
}));
