import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { actingOn } from '../../graphql/post-access.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { Post } from '../posts/post.schema.js';
import { LinkedInAccount, linkedInAccountArgs } from './linkedin-account.schema.js';
import { decodeUploadSteps, type UploadStep } from './linkedin-assets.js';

const PublishOutcome = builder.enumType('PublishOutcome', {
  description: 'How one attempt at publishing to LinkedIn ended.',
  values: {
    PUBLISHED: { description: 'LinkedIn has the post.' },
    RETRY: { description: 'LinkedIn was busy or failed (429, 5xx, network); another attempt follows after `retryDelayMs`.' },
    FAILED: { description: 'Gave up; the post is FAILED and `error` says why.' },
  },
});

const PublishUploadStep = builder.objectRef<UploadStep>('PublishUploadStep').implement({
  description: "One step of uploading an image or document to LinkedIn before the post is created (LinkedIn's Images and Documents APIs).",
  fields: (t) => ({
    asset: t.exposeString('asset', { description: '"image" or "document".' }),
    step: t.exposeString('step', {
      description: '"initializeUpload" (LinkedIn named the asset), "upload" (the bytes were sent), "available" (LinkedIn finished processing).',
    }),
    urn: t.exposeString('urn', { nullable: true, description: 'The asset, e.g. "urn:li:image:C4E…".' }),
    polls: t.exposeInt('polls', { nullable: true, description: 'For "available": how many status reads it took.' }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

const PublishAttempt = builder.prismaNode('PublishAttempt', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 0 } satisfies CachePolicy },
  id: { field: 'id' },
  description: 'One attempt at sending a post to LinkedIn, kept so the author can see what happened.',
  findUnique: (id, ctx) => ({ id, AND: [viewerUserId(ctx) ? { post: { authorId: viewerUserId(ctx) } } : { id: { in: [] } }] }),
  fields: (t) => ({
    number: t.exposeInt('number', { description: "1 for the post's first attempt, counting across publishing runs." }),
    outcome: t.expose('outcome', { type: PublishOutcome }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: "LinkedIn's HTTP status; null when no answer came or nothing was sent." }),
    errorCategory: t.exposeString('errorCategory', {
      nullable: true,
      description: 'unauthorized, duplicate, rate_limited, server, client, network, timeout, or interrupted (the worker stopped mid-attempt); null on success.',
    }),
    retryable: t.exposeBoolean('retryable', { description: 'Whether the failure was of a kind that is retried.' }),
    retryDelayMs: t.exposeInt('retryDelayMs', { nullable: true, description: 'For RETRY: how long until the next attempt.' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the call to LinkedIn took.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: "LinkedIn's request id (x-li-uuid), to quote to LinkedIn support." }),
    error: t.exposeString('error', { nullable: true, description: 'What went wrong, in words.' }),
    urn: t.exposeString('urn', { nullable: true, description: 'The LinkedIn post this attempt created (or found already there).' }),
    uploadSteps: t.field({
      type: [PublishUploadStep],
      description:
        'The upload steps (an article thumbnail, media) done before the post was created, in order; an attempt that failed mid-upload says where in `error`.',
      select: { uploadSteps: true },
      resolve: (attempt) => decodeUploadSteps(attempt.uploadSteps),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the attempt finished.' }),
  }),
});

builder.prismaObjectFields(Post, (t) => ({
  linkedInUrn: t.exposeString('linkedInUrn', { nullable: true, description: 'The post\'s URN on LinkedIn once published, e.g. "urn:li:share:71…".' }),
  linkedInUrl: t.exposeString('linkedInPermalink', { nullable: true, description: 'Link to the post on linkedin.com once published.' }),
  publishError: t.string({
    nullable: true,
    description: 'Why publishing failed (FAILED) or is being retried (PUBLISHING). Only the author sees it.',
    extensions: { cache: { private: true } satisfies CachePolicy },
    select: { authorId: true, publishError: true },
    resolve: (post, _args, ctx) => (post.authorId === viewerUserId(ctx) ? post.publishError : null),
  }),
  linkedInAccount: t.field({
    type: LinkedInAccount,
    nullable: true,
    description: 'The LinkedIn account it is scheduled or published with. Only the author sees it.',
    extensions: { cache: { private: true } satisfies CachePolicy },
    select: (_args, _ctx, nested) => ({ authorId: true, linkedInAccount: nested(true) }),
    resolve: (post, _args, ctx) => (post.authorId === viewerUserId(ctx) ? post.linkedInAccount : null),
  }),
  publishAttempts: t.field({
    type: [PublishAttempt],
    description: 'Every attempt at sending it to LinkedIn, oldest first. Only the author sees them; empty for everyone else.',
    extensions: { cache: { ttlMs: 0, private: true } satisfies CachePolicy },
    select: (_args, _ctx, nested) => ({ authorId: true, publishAttempts: nested({ orderBy: { number: 'asc' } }) }),
    resolve: (post, _args, ctx) => (post.authorId === viewerUserId(ctx) ? post.publishAttempts : []),
  }),
}));

/** The arguments of every status change: the post, and the version its caller last read. */
export const postTransitionArgs = builder.args((t) => ({
  id: t.globalID({ for: Post, required: true, description: "The post's global ID." }),
  expectedVersion: t.int({
    description: 'The `version` you last read: if the post changed since, CONFLICT, and nothing changes or is queued.',
    validate: z.number().int().min(1, 'must be at least 1'),
  }),
}));

builder.mutationFields((t) => {
  return {
    publishPost: t.prismaField({
      type: 'Post',
      description:
        'Sends one of your DRAFT, APPROVED, SCHEDULED or FAILED posts to LinkedIn now. Returns it PUBLISHING; it becomes PUBLISHED or FAILED ' +
        'in the background (watch `postStatusChanged`). BAD_USER_INPUT without a usable connected LinkedIn account or when the text ' +
        'is over 3,000 characters once formatted for LinkedIn; CONFLICT from any other status.',
      args: { ...postTransitionArgs, ...linkedInAccountArgs },
      authScopes: (_root, args) => ({ postPublisher: args.id.id }),
      resolve: async (query, _root, { id, accountId, expectedVersion }, ctx) =>
        ctx.services.publishing.publishNow(id.id, { ...(await actingOn(ctx, id.id, requireActor(ctx))), accountId: accountId?.id, expectedVersion }, query),
    }),
    schedulePost: t.prismaField({
      type: 'Post',
      description:
        'Schedules one of your posts to be published to LinkedIn at `at` (in the future, at most a year ahead). ' +
        'The same checks as publishPost run now, so a post that could not go out is refused here. ' +
        "CONFLICT when `at` is a slot of the account's posting schedule that another scheduled post holds (`extensions.takenBy` names it).",
      args: { ...postTransitionArgs, at: t.arg({ type: 'DateTime', required: true }), ...linkedInAccountArgs },
      authScopes: (_root, args) => ({ postPublisher: args.id.id }),
      resolve: async (query, _root, { id, at, accountId, expectedVersion }, ctx) =>
        ctx.services.publishing.schedule(id.id, at, { ...(await actingOn(ctx, id.id, requireActor(ctx))), accountId: accountId?.id, expectedVersion }, query),
    }),
    reschedulePost: t.prismaField({
      type: 'Post',
      description:
        'Moves one of your SCHEDULED posts to another time (in the future, at most a year ahead). CONFLICT when it is not SCHEDULED, ' +
        "or when `at` is a slot of the account's posting schedule that another scheduled post holds (`extensions.takenBy` names it).",
      args: { ...postTransitionArgs, at: t.arg({ type: 'DateTime', required: true }), ...linkedInAccountArgs },
      authScopes: (_root, args) => ({ postPublisher: args.id.id }),
      resolve: async (query, _root, { id, at, accountId, expectedVersion }, ctx) =>
        ctx.services.publishing.reschedule(id.id, at, { ...(await actingOn(ctx, id.id, requireActor(ctx))), accountId: accountId?.id, expectedVersion }, query),
    }),
    cancelSchedule: t.prismaField({
      type: 'Post',
      description: 'Cancels publishing one of your SCHEDULED posts; it goes back to DRAFT. CONFLICT when it is not SCHEDULED.',
      args: postTransitionArgs,
      authScopes: (_root, args) => ({ postPublisher: args.id.id }),
      resolve: async (query, _root, { id, expectedVersion }, ctx) =>
        ctx.services.publishing.cancelSchedule(id.id, { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion }, query),
    }),
    archivePost: t.prismaField({
      type: 'Post',
      description:
        'Archives one of your DRAFT, IN_REVIEW, APPROVED, PUBLISHED or FAILED posts: it leaves `posts`, `User.posts` and `searchPosts` (ask for it with ' +
        '`includeArchived` or status ARCHIVED), keeps its analytics, and can no longer be edited or published. ' +
        'It stays on LinkedIn if it is there. CONFLICT from SCHEDULED (cancel first), PUBLISHING or ARCHIVED.',
      args: postTransitionArgs,
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, expectedVersion }, ctx) =>
        ctx.services.publishing.archive(id.id, { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion }, query),
    }),
    unarchivePost: t.prismaField({
      type: 'Post',
      description: 'Brings back one of your ARCHIVED posts: PUBLISHED if it was published, DRAFT otherwise. CONFLICT when it is not ARCHIVED.',
      args: postTransitionArgs,
      authScopes: (_root, args) => ({ postWriter: args.id.id }),
      resolve: async (query, _root, { id, expectedVersion }, ctx) =>
        ctx.services.publishing.unarchive(id.id, { ...(await actingOn(ctx, id.id, requireActor(ctx))), expectedVersion }, query),
    }),
  };
});

builder.subscriptionField('postStatusChanged', (t) =>
  t.field({
    type: Post,
    description:
      'The post each time its status changes: IN_REVIEW, APPROVED or back to DRAFT in review; SCHEDULED, PUBLISHING, then PUBLISHED or FAILED; ARCHIVED and back when archived or unarchived; DRAFT when an edit ends an approval. Members of its workspace only.',
    args: { postId: t.arg.globalID({ for: Post, required: true }) },
    authScopes: (_root, args) => ({ postReader: args.postId.id }),
    subscribe: (_root, { postId }, ctx) => ctx.services.pubsub.subscribe('post:status', postId.id),
    resolve: (post) => post,
  }),
);
