import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { rawIdOf } from '../../graphql/global-id.js';
import type { ListLimit } from '../../graphql/plugins/use-argument-checks.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { viewerUserId } from '../../shared/viewer.js';
import { Post } from '../posts/post.schema.js';
import { MAX_EVENT_COUNT, MAX_EVENTS_PER_CALL } from './engagement.rules.js';
import type { IngestCaller } from './ingest.service.js';
import { EngagementType, PostMetrics } from './metrics.schema.js';

const EngagementInput = builder.inputType('EngagementInput', {
  description: 'One engagement event for bulk ingest.',
  fields: (t) => ({
    // A plain ID decoded in the resolver: Pothos' per-ID decoding was a measurable share of a 500-event batch.
    postId: t.id({ required: true, description: 'The post it happened to.' }),
    type: t.field({ type: EngagementType, required: true }),
    count: t.int({ defaultValue: 1, description: `How many of them, 1 to ${MAX_EVENT_COUNT.toLocaleString('en')}.` }),
    at: t.field({
      type: 'DateTime',
      description: 'When it happened (default: now); within the last two years and not in the future (5 minutes of clock skew allowed).',
    }),
    eventId: t.string({
      description:
        'Your id for the event, unique per post (up to 200 characters): sending it again for the same post never counts it twice, so retries are safe.',
    }),
  }),
});

const callerOf = (ctx: Context): IngestCaller => ({
  userId: viewerUserId(ctx),
  mayIngestAnyPost: ctx.viewer?.scopes.has('ingest') ?? false,
});

const WHO = "Allowed for OWNERs, ADMINs and EDITORs of the post's workspace, or for a service token with the `ingest` scope.";

builder.mutationFields((t) => ({
  recordEngagement: t.field({
    type: PostMetrics,
    description: `Records engagement on one post and returns its new lifetime totals. ${WHO}`,
    extensions: { rateLimit: 'ingest' satisfies FieldRateLimit },
    authScopes: { $any: { authenticated: true, ingest: true } },
    args: {
      postId: t.arg.globalID({ for: Post, required: true }),
      type: t.arg({ type: EngagementType, required: true }),
      count: t.arg.int({ defaultValue: 1, description: `1 to ${MAX_EVENT_COUNT.toLocaleString('en')}.` }),
    },
    resolve: async (_root, { postId, type, count }, ctx) => {
      const { totals } = await ctx.services.ingest.record(callerOf(ctx), [{ postId: postId.id, type, count }], (_i, field) => field);
      const postTotals = totals.get(postId.id.toLowerCase());
      if (!postTotals) throw new Error('ingest stored no totals for an event without an event id');
      return postTotals;
    },
  }),
  recordEngagements: t.int({
    description:
      `Bulk ingest of up to ${MAX_EVENTS_PER_CALL} events in one call; returns how many were stored (events whose ` +
      `eventId was already stored for the same post are skipped). The batch is all or nothing: any invalid event rejects it with ` +
      `BAD_USER_INPUT naming each bad field (e.g. \`events.3.postId\`). Every post must be in a workspace where you may record engagement unless you use an ` +
      `ingest token. ${WHO}`,
    extensions: { rateLimit: 'ingest' satisfies FieldRateLimit },
    authScopes: { $any: { authenticated: true, ingest: true } },
    args: { events: t.arg({ type: [EngagementInput], required: true, extensions: { maxItems: MAX_EVENTS_PER_CALL } satisfies ListLimit }) },
    resolve: async (_root, { events }, ctx) => {
      const inputs = events.map((e) => ({ ...e, postId: rawIdOf('Post', String(e.postId)) }));
      const { stored } = await ctx.services.ingest.record(callerOf(ctx), inputs, (i, field) => `events.${i}.${field}`);
      return stored;
    },
  }),
}));
