import type { SwitchableFeature } from '../../config.js';
import { builder, requireActor, requireUserId } from '../../graphql/builder.js';
import type { ListLimit } from '../../graphql/plugins/use-argument-checks.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { viewerRoleIn } from '../../graphql/workspace-roles.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { viewerUserId } from '../../shared/viewer.js';
import { Post, PostTone } from '../posts/post.schema.js';
import { Workspace } from '../workspaces/workspace.schema.js';
import { jobsVisibleTo, MAX_BATCH } from './generation.service.js';
import type { GenerationEvent as GenerationEventShape } from './generation-progress.js';
import { LINKEDIN_MAX_CHARS } from './generation-request.js';

const GenerationStatus = builder.enumType('GenerationStatus', {
  description: 'Where a generation job is.',
  values: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'The AI writer is writing; `content` grows as it streams.' },
    SUCCEEDED: { description: 'Done; `post` is the new draft.' },
    FAILED: { description: 'Gave up; `error` says why.' },
    CANCELLED: { description: 'Stopped by its owner; no post was saved.' },
  },
});

const GenerationFailureReason = builder.enumType('GenerationFailureReason', {
  description:
    "Why a generation job FAILED. The AI provider's own errors before any text (rate limits, HTTP errors, empty answers) never fail a job: the offline writer takes over.",
  values: {
    TIMEOUT: { description: 'The writer took longer than the job may run (GENERATION_JOB_TIMEOUT_MS).' },
    INTERRUPTED: {
      description:
        'The writer stopped after it had started writing, or the worker running the job was lost on its last attempt; the text streamed so far is not a post.',
    },
    UNSUPPORTED_LANGUAGE: { description: 'No writer available can write the language asked for (the offline writer writes en, es, de, fr, pt).' },
  },
});

const GenerationJob = builder.prismaNode('GenerationJob', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 0 } satisfies CachePolicy },
  id: { field: 'id' },
  description:
    "A request to the AI writer for one post, and its outcome. It belongs to a workspace, like the post it writes: only the workspace's members see it.",
  findUnique: (id, ctx) => ({ id, AND: [jobsVisibleTo(viewerUserId(ctx))] }),
  fields: (t) => ({
    status: t.expose('status', { type: GenerationStatus }),
    progress: t.exposeFloat('progress', { description: 'From 0 to 1; an estimate while RUNNING, 1 once SUCCEEDED.' }),
    topic: t.exposeString('topic', { description: 'What the post is about, as asked.' }),
    tone: t.expose('tone', { type: PostTone }),
    provider: t.exposeString('provider', {
      description: '"openai" or "local": which writer actually wrote it (the local one stands in when OpenAI is unavailable).',
    }),
    cached: t.exposeBoolean('cached', { description: "True when an identical recent request's post was reused instead of writing a new one." }),
    content: t.exposeString('output', { description: 'The text written so far (the whole post once SUCCEEDED).' }),
    post: t.relation('post', { nullable: true, description: 'The DRAFT post it produced, once SUCCEEDED.' }),
    imageBrief: t.exposeString('imageBrief', {
      nullable: true,
      description:
        'Once SUCCEEDED: one image the writer suggests posting with it, described for a designer or an image model. Null when the writer gave none (a model may omit it).',
    }),
    imageAltText: t.exposeString('imageAltText', {
      nullable: true,
      description: 'Once SUCCEEDED: alt text for the suggested image, for screen readers (use it as the media alt text). Null when the writer gave none.',
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it FAILED, in words a user can read.' }),
    failureReason: t.expose('failureReason', { type: GenerationFailureReason, nullable: true, description: 'Why it FAILED, for a client to act on.' }),
    attempts: t.exposeInt('attempts', { description: 'Attempts started so far (a failed attempt is retried with backoff).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true, description: 'When the current attempt started.' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

const GenerationEvent = builder.objectRef<GenerationEventShape>('GenerationEvent').implement({
  description:
    "One step of a generation job. Joined in order, the `delta`s of one subscription are the job's text (start over after an event with `restarted: true`).",
  fields: (t) => ({
    job: t.field({ type: GenerationJob, description: 'The job as it is now.', resolve: (event) => event.job }),
    delta: t.string({
      nullable: true,
      description: 'Text added since the previous event while RUNNING (token streaming). The first event carries the text written before you subscribed.',
      resolve: (event) => event.delta,
    }),
    restarted: t.boolean({
      description: 'True when the writer started the post over (a retry after a failure): discard the text received so far.',
      resolve: (event) => event.restarted,
    }),
  }),
});

const GeneratePostInput = builder.inputType('GeneratePostInput', {
  description: 'What to write about and how.',
  fields: (t) => ({
    topic: t.string({ required: true, description: 'What the post is about (at most 300 characters).' }),
    tone: t.field({ type: PostTone, defaultValue: 'PROFESSIONAL', description: 'The voice to write in.' }),
    audience: t.string({ description: 'Who it is for, e.g. "engineering managers" (at most 200 characters).' }),
    keywords: t.stringList({ description: 'Up to 10 terms to work in; they also seed the hashtags.' }),
    maxLength: t.int({ description: `Longest post in characters, from 250 to ${LINKEDIN_MAX_CHARS} (default ${LINKEDIN_MAX_CHARS}).` }),
    includeHashtags: t.boolean({ defaultValue: true, description: 'End the post with 3–5 hashtags.' }),
    language: t.string({ defaultValue: 'en', description: 'ISO 639-1 code of the language to write in.' }),
    workspaceId: t.globalID({
      for: Workspace,
      description:
        'The workspace the job and its post belong to, where you are OWNER, ADMIN or EDITOR (FORBIDDEN otherwise). Default: your personal workspace.',
    }),
  }),
});

type GeneratePostInputShape = typeof GeneratePostInput.$inferInput;
const toRequest = (input: GeneratePostInputShape) => ({
  topic: input.topic,
  tone: input.tone ?? 'PROFESSIONAL',
  audience: input.audience ?? undefined,
  keywords: input.keywords ?? undefined,
  maxLength: input.maxLength ?? undefined,
  includeHashtags: input.includeHashtags ?? true,
  language: input.language ?? 'en',
  workspaceId: input.workspaceId?.id,
});

/** Writing into a workspace needs its writeOwnPosts permission; the personal one is the caller's own. */
const workspacesOf = (inputs: GeneratePostInputShape[]) => [...new Set(inputs.flatMap((input) => (input.workspaceId ? [input.workspaceId.id] : [])))];

builder.mutationFields((t) => ({
  generatePost: t.prismaField({
    type: 'GenerationJob',
    description:
      'Asks the AI writer for a post. Returns the QUEUED job at once (or a SUCCEEDED one when an identical recent request is cached); follow it with `generationProgress`. RATE_LIMITED past the per-minute limit. FEATURE_DISABLED when generation is switched off on the server.',
    extensions: { rateLimit: 'generation' satisfies FieldRateLimit, feature: 'generation' satisfies SwitchableFeature },
    authScopes: (_root, { input }) =>
      input.workspaceId ? { workspacePermission: { workspaceId: input.workspaceId.id, action: 'writeOwnPosts' } } : { authenticated: true },
    args: { input: t.arg({ type: GeneratePostInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => ctx.services.generation.generate(requireActor(ctx), toRequest(input), query),
  }),
  generatePosts: t.prismaField({
    type: ['GenerationJob'],
    description: `Asks for up to ${MAX_BATCH} posts at once; the jobs come back in input order. Nothing is created when any input is invalid. FEATURE_DISABLED when generation is switched off on the server.`,
    extensions: { rateLimit: 'generation' satisfies FieldRateLimit, feature: 'generation' satisfies SwitchableFeature },
    authScopes: (_root, { inputs }) => ({
      $all: { authenticated: true, workspacesPermission: { workspaceIds: workspacesOf(inputs), action: 'writeOwnPosts' } },
    }),
    args: { inputs: t.arg({ type: [GeneratePostInput], required: true, extensions: { maxItems: MAX_BATCH } satisfies ListLimit }) },
    resolve: (query, _root, { inputs }, ctx) => ctx.services.generation.generateMany(requireActor(ctx), inputs.map(toRequest), query),
  }),
  cancelGeneration: t.prismaField({
    type: 'GenerationJob',
    description:
      "Stops a QUEUED or RUNNING job you started, or (as an OWNER or ADMIN) any job of your workspace (the writer's request is aborted); it ends CANCELLED without a post. FORBIDDEN for anyone else, CONFLICT when it already finished. FEATURE_DISABLED when generation is switched off on the server.",
    extensions: { feature: 'generation' satisfies SwitchableFeature },
    authScopes: { authenticated: true },
    args: { id: t.arg.globalID({ for: GenerationJob, required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.services.generation.cancel(id.id, requireActor(ctx), query),
  }),
}));

builder.queryField('generationJob', (t) =>
  t.prismaField({
    type: 'GenerationJob',
    nullable: true,
    description:
      'A generation job of one of your workspaces; null when it does not exist or belongs to a workspace you are not in. FEATURE_DISABLED when generation is switched off on the server.',
    extensions: { feature: 'generation' satisfies SwitchableFeature, cache: { ttlMs: 0 } satisfies CachePolicy },
    args: { id: t.arg.globalID({ for: GenerationJob, required: true }) },
    resolve: (query, _root, { id }, ctx) => ctx.services.generation.findVisible(id.id, viewerUserId(ctx), query),
  }),
);

builder.subscriptionField('generationProgress', (t) =>
  t.field({
    type: GenerationEvent,
    description:
      'Follows a job of one of your workspaces: first its current state (with the text so far), then QUEUED/RUNNING events with `delta` text as it streams, then one final event (SUCCEEDED with the post, FAILED with the error, or CANCELLED), then the subscription ends. FORBIDDEN for a job of a workspace you are not in, NOT_FOUND for a missing one. FEATURE_DISABLED when generation is switched off on the server.',
    extensions: { feature: 'generation' satisfies SwitchableFeature },
    authScopes: { authenticated: true },
    args: { jobId: t.arg.globalID({ for: GenerationJob, required: true }) },
    subscribe: (_root, args, ctx) => ctx.services.generation.follow(args.jobId.id, requireUserId(ctx)),
    resolve: (event) => event,
  }),
);

builder.prismaObjectFields(Post, (t) => ({
  generatedBy: t.field({
    type: GenerationJob,
    nullable: true,
    description: "The generation job that wrote this post, if any; only the members of the post's workspace see it.",
    extensions: { cache: { private: true } satisfies CachePolicy },
    select: { generatedBy: true },
    resolve: async (post, _args, ctx) => (post.generatedBy && (await viewerRoleIn(ctx, post.generatedBy.workspaceId)) ? post.generatedBy : null),
  }),
}));
