import { builder, requireActor } from '../../graphql/builder.js';
import type { CachePolicy } from '../../response-cache/policy.js';
import { badField, notFound } from '../../shared/errors.js';
import { viewerUserId } from '../../shared/viewer.js';
import { SentimentLabel } from '../analysis/analysis.schema.js';
import { postTransitionArgs } from '../publishing/publishing.schema.js';
import { Post } from './post.schema.js';
import type { RevisionSummary as RevisionSummaryShape } from './post-revision.rules.js';
import { wordDiff } from './word-diff.rules.js';

const RevisionSummary = builder.objectRef<RevisionSummaryShape>('RevisionSummary').implement({
  description: "What the revision's analysis said, to compare versions at a glance.",
  fields: (t) => ({
    wordCount: t.exposeInt('wordCount'),
    characterCount: t.exposeInt('characterCount', { description: 'Unicode code points, as LinkedIn counts them.' }),
    readability: t.exposeFloat('readability', { nullable: true, description: 'Flesch reading ease; null when it does not apply.' }),
    sentiment: t.field({ type: SentimentLabel, resolve: (summary) => summary.sentiment }),
    hookLength: t.exposeInt('hookLength', { description: 'Characters above LinkedIn\'s "see more" fold.' }),
  }),
});

const DiffKind = builder.enumType('DiffKind', {
  description: 'How a stretch of text differs between two revisions.',
  values: {
    ADDED: { description: 'Only in the newer text (`to`).' },
    REMOVED: { description: 'Only in the older text (`from`).' },
    UNCHANGED: { description: 'In both.' },
  },
});

const DiffSegment = builder.objectRef<{ kind: 'ADDED' | 'REMOVED' | 'UNCHANGED'; text: string }>('DiffSegment').implement({
  description: 'A stretch of words, spaces and punctuation; the UNCHANGED and REMOVED ones joined give `from`, the UNCHANGED and ADDED ones `to`.',
  fields: (t) => ({
    kind: t.field({ type: DiffKind, resolve: (segment) => segment.kind }),
    text: t.exposeString('text'),
  }),
});

const PostRevision = builder.prismaNode('PostRevision', {
  nullable: true,
  extensions: { cache: { private: true } satisfies CachePolicy },
  id: { field: 'id' },
  description: "A post's content as one change left it. Only those who may edit the post see its revisions.",
  findUnique: (id, ctx) => ({ id, post: ctx.services.posts.editableBy(viewerUserId(ctx)) }),
  fields: (t) => ({
    author: t.relation('author', { nullable: true, description: 'Who made the change; null once their account is deleted.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    content: t.exposeString('content'),
    hashtags: t.exposeStringList('hashtags'),
    contentVersion: t.exposeInt('contentVersion', { description: "The post's contentVersion this revision is (a hashtag-only change keeps it)." }),
    summary: t.field({ type: RevisionSummary, select: { summary: true }, resolve: (revision) => revision.summary as unknown as RevisionSummaryShape }),
  }),
});

builder.prismaObjectFields(Post, (t) => ({
  revisions: t.relatedConnection(
    'revisions',
    {
      description: 'Every content change, newest first. Only those who may edit the post see them; empty for everyone else.',
      extensions: { cache: { private: true } satisfies CachePolicy },
      cursor: 'id',
      query: (_args, ctx) => ({ where: { post: ctx.services.posts.editableBy(viewerUserId(ctx)) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    },
    { name: 'PostRevisionConnection', description: 'A page of revisions.' },
    { name: 'PostRevisionEdge', description: 'A revision in a page, with the cursor that points at it.' },
  ),
}));

builder.queryField('revisionDiff', (t) =>
  t.field({
    type: [DiffSegment],
    description:
      'A word-level diff of two revisions of one post, from `from` to `to`. NOT_FOUND for a revision you cannot see; BAD_USER_INPUT for revisions of two posts.',
    extensions: { cache: { private: true } satisfies CachePolicy },
    args: {
      from: t.arg.globalID({ for: PostRevision, required: true, description: 'The older text.' }),
      to: t.arg.globalID({ for: PostRevision, required: true, description: 'The newer text.' }),
    },
    authScopes: { authenticated: true },
    resolve: async (_root, { from, to }, ctx) => {
      const revisions = await ctx.prisma.postRevision.findMany({
        where: { id: { in: [from.id, to.id] }, post: ctx.services.posts.editableBy(viewerUserId(ctx)) },
        select: { id: true, postId: true, content: true },
      });
      const older = revisions.find((revision) => revision.id === from.id);
      const newer = revisions.find((revision) => revision.id === to.id);
      if (!older || !newer) throw notFound('Revision');
      if (older.postId !== newer.postId) throw badField('to', 'must be a revision of the same post as `from`');
      return wordDiff(older.content, newer.content);
    },
  }),
);

builder.mutationField('restoreRevision', (t) =>
  t.prismaField({
    type: 'Post',
    description:
      "Makes a revision's content and hashtags the post's again, stored as a new revision. It is an edit: an approved post goes back to " +
      'DRAFT, and CONFLICT when the post cannot be edited or is no longer at `expectedVersion`. NOT_FOUND for a revision of another post.',
    args: {
      ...postTransitionArgs,
      revisionId: t.arg.globalID({ for: PostRevision, required: true, description: 'The revision to bring back.' }),
    },
    authScopes: (_root, args) => ({ postWriter: args.id.id }),
    resolve: (query, _root, { id, revisionId, expectedVersion }, ctx) =>
      ctx.services.posts.restoreRevision(id.id, revisionId.id, requireActor(ctx), expectedVersion, query),
  }),
);
