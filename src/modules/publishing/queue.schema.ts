import { z } from 'zod';
import { builder, requireActor } from '../../graphql/builder.js';
import { actingOn } from '../../graphql/post-access.js';
import { Post } from '../posts/post.schema.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { LinkedInAccount } from './linkedin-account.schema.js';
import { MAX_BULK_RESCHEDULE } from './queueing.service.js';

const RescheduleInput = builder.inputType('RescheduleInput', {
  description: 'One post of a bulk reschedule and its new time.',
  fields: (t) => ({
    id: t.globalID({ for: Post, required: true, description: "The SCHEDULED post's global ID." }),
    at: t.field({ type: 'DateTime', required: true, description: 'Its new time: in the future, at most a year ahead.' }),
    expectedVersion: t.int({
      description: 'The `version` you last read: if the post changed since, CONFLICT, and nothing moves.',
      validate: z.number().int().min(1, 'must be at least 1'),
    }),
  }),
});

builder.mutationFields((t) => ({
  addToQueue: t.prismaField({
    type: 'Post',
    description:
      "Schedules one of your posts into the next free slot of its LinkedIn account's posting schedule in the post's workspace (see `setPostingSchedule`): " +
      'SCHEDULED at that time, published then, exactly once. The same checks as schedulePost run first (an EDITOR of a workspace that requires approval ' +
      'queues APPROVED posts only). Concurrent calls never share a slot. BAD_USER_INPUT when the account has no slots there; CONFLICT when no slot is free within a year.',
    args: {
      postId: t.arg.globalID({ for: Post, required: true, description: "The post's global ID." }),
      accountId: t.arg.globalID({
        for: LinkedInAccount,
        description: "The author's connected LinkedIn account to publish as, whose schedule is used; default: their most recently connected one.",
      }),
      after: t.arg({ type: 'DateTime', description: 'The first free slot after this instant (in the future, at most a year ahead); default: now.' }),
      expectedVersion: t.arg.int({
        description: 'The `version` you last read: if the post changed since, CONFLICT, and nothing changes or is queued.',
        validate: z.number().int().min(1, 'must be at least 1'),
      }),
    },
    authScopes: (_root, args) => ({ postPublisher: args.postId.id }),
    resolve: async (query, _root, { postId, accountId, after, expectedVersion }, ctx) =>
      ctx.services.publishing.addToQueue(
        postId.id,
        { ...(await actingOn(ctx, postId.id, requireActor(ctx))), accountId: accountId?.id, expectedVersion },
        query,
        after,
      ),
  }),
  shuffleQueue: t.prismaField({
    type: ['Post'],
    description:
      'Shuffles the queue of a LinkedIn account in the workspace: its SCHEDULED posts that are not yet due trade times at random (the same slots stay taken). ' +
      'Answers them in their new time order. OWNERs and ADMINs (manageQueue).',
    args: {
      workspaceId: t.arg.globalID({ for: Workspace, required: true, description: 'The workspace.' }),
      accountId: t.arg.globalID({ for: LinkedInAccount, required: true, description: 'The LinkedIn account whose queue is shuffled.' }),
    },
    authScopes: (_root, args) => ({ workspacePermission: { workspaceId: args.workspaceId.id, action: 'manageQueue' } }),
    resolve: (query, _root, { workspaceId, accountId }, ctx) => ctx.services.publishing.shuffleQueue(workspaceId.id, accountId.id, requireActor(ctx), query),
  }),
  reschedulePosts: t.prismaField({
    type: ['Post'],
    description:
      `Moves up to ${MAX_BULK_RESCHEDULE} SCHEDULED posts to new times at once, all or none; each keeps its LinkedIn account. You need to be allowed to ` +
      'reschedule every one of them (FORBIDDEN otherwise). An error names its item: BAD_USER_INPUT with `changes.2.at`, CONFLICT with `extensions.path` `changes.2`. ' +
      'A slot of a posting schedule holds one post: moving into one held by a post outside the call, or two posts into one, is CONFLICT (`extensions.takenBy`). ' +
      'Answers the posts in the order given.',
    args: {
      changes: t.arg({
        type: [RescheduleInput],
        required: true,
        description: `The posts and their new times, at most ${MAX_BULK_RESCHEDULE}.`,
        validate: z.array(z.unknown()).min(1, 'must not be empty').max(MAX_BULK_RESCHEDULE, `at most ${MAX_BULK_RESCHEDULE} posts at once`),
      }),
    },
    authScopes: (_root, args) => ({ postsPublisher: args.changes.map((change) => change.id.id) }),
    resolve: (query, _root, { changes }, ctx) =>
      ctx.services.publishing.reschedulePosts(
        changes.map((change) => ({ id: change.id.id, at: change.at, expectedVersion: change.expectedVersion })),
        requireActor(ctx),
        query,
      ),
  }),
}));
