import { builder } from '../../graphql/builder.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import { answerDependsOnViewer } from '../../response-cache/response-scope.js';
import { viewerUserId } from '../../shared/viewer.js';
import { PostAnalysis } from '../analysis/analysis.schema.js';
import type { PostAnalysis as PostAnalysisShape } from '../analysis/analysis.service.js';
import { ATTACHMENT_WITH_MEDIA, decodeAttachment } from './attachment.rules.js';
import { PostAttachment } from './attachment.schema.js';

export const PostStatus = builder.enumType('PostStatus', {
  description: 'Where a post is in its life. PUBLISHING and FAILED are about publishing to LinkedIn.',
  values: {
    DRAFT: { description: 'Being written; only the author sees it.' },
    IN_REVIEW: { description: 'Submitted for review (submitForReview); an ADMIN or OWNER approves it or requests changes.' },
    APPROVED: { description: 'Approved (approvePost), ready to schedule or publish; a content edit sends it back to DRAFT.' },
    SCHEDULED: { description: 'Will be published at `scheduledAt`.' },
    PUBLISHING: { description: 'Being sent to LinkedIn right now.' },
    PUBLISHED: { description: 'Live; everyone can read it.' },
    FAILED: { description: 'Publishing failed; see the error and publish or reschedule again.' },
    ARCHIVED: { description: 'Retired by its author (archivePost); left out of listings unless asked for, kept for analytics.' },
  },
});

export const PostTone = builder.enumType('PostTone', {
  description: 'The voice a post is written in.',
  values: ['PROFESSIONAL', 'CASUAL', 'INSPIRATIONAL', 'EDUCATIONAL', 'STORYTELLING', 'HUMOROUS'] as const,
});

export const PostVisibility = builder.enumType('PostVisibility', {
  description: 'Who sees the post on LinkedIn.',
  values: {
    PUBLIC: { description: 'Anyone on or off LinkedIn.' },
    CONNECTIONS: { description: "The author's connections only." },
  },
});

export const Post = builder.prismaNode('Post', {
  // node(id:) and nodes(ids:) of a missing or invisible one answer null, not an error.
  nullable: true,
  extensions: { cache: { ttlMs: 5 * MINUTE } satisfies CachePolicy },
  id: { field: 'id' },
  description: 'A LinkedIn post: a draft, scheduled, or published.',
  findUnique: (id, ctx) => {
    // A signed-in caller may be looking up their own draft, which nobody else's answer shows.
    if (viewerUserId(ctx)) answerDependsOnViewer(ctx);
    return { id, AND: [ctx.services.posts.visibleTo(viewerUserId(ctx))] };
  },
  fields: (t) => ({
    author: t.relation('author', { description: 'Who wrote it.' }),
    content: t.exposeString('content', { description: 'The post text (LinkedIn "commentary"), at most 3,000 characters.' }),
    hashtags: t.exposeStringList('hashtags', {
      description: 'Hashtags without "#", lower-cased: the ones given beyond the text, then those written inline in the content.',
    }),
    version: t.exposeInt('version', {
      description: 'Starts at 1 and grows by one with every change (edits, scheduling, publishing); send it as `expectedVersion` to edit safely.',
    }),
    attachment: t.field({
      type: PostAttachment,
      nullable: true,
      description: 'The article, poll, media or images it carries; null for a text-only post.',
      select: { attachment: ATTACHMENT_WITH_MEDIA },
      resolve: (post) => (post.attachment ? decodeAttachment(post.attachment) : null),
    }),
    tone: t.expose('tone', { type: PostTone, nullable: true, description: 'The voice it was written in, if set.' }),
    visibility: t.expose('visibility', { type: PostVisibility }),
    status: t.expose('status', { type: PostStatus }),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime', nullable: true, description: 'When a SCHEDULED post goes out.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    analysis: t.field({
      type: PostAnalysis,
      description: 'Language, sentiment, keywords, readability and the hook, computed once per content version.',
      select: { analysis: true },
      resolve: (post) => post.analysis as unknown as PostAnalysisShape,
    }),
  }),
});

export const PostConnection = builder.connectionObject(
  {
    type: Post,
    name: 'PostConnection',
    description: 'A page of posts.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many posts match in all, across every page.',
        resolve: (connection) => {
          const { totalCount } = connection as { totalCount?: number | (() => number | Promise<number>) };
          return typeof totalCount === 'function' ? totalCount() : (totalCount ?? 0);
        },
      }),
    }),
  },
  { name: 'PostEdge', description: 'A post in a page, with the cursor that points at it.' },
);
