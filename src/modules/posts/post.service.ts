import { randomUUID } from 'node:crypto';
import type { Post, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { ContentFacts, PostAnalysis } from '../analysis/analysis.service.js';
import { mayViewAnalytics } from '../analytics/analytics-visibility.rules.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { AuditAction } from '../audit/audit-actions.rules.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { type ArticlePreview, type AttachmentChoice, type AttachmentFactsRow, contentFacts } from './attachment.rules.js';
import { createPostAttachments, mediaRowsOf, plannedFacts, storeAttachment } from './post-attachments.service.js';
import { draftCreationEntities, postChangeEntities } from './post-cache.rules.js';
import { type Analyze, type EditablePost, type PostChanges, type PostDraft, type PostEdit, planEdit, postHashtags } from './post-edit.rules.js';
import { memberOnPost } from './post-membership.service.js';
import { revisionSummary } from './post-revision.rules.js';
import { createPostSearch } from './post-search.service.js';
import { assertAllowed, type Member, type PostStatus } from './post-workflow.rules.js';

/** The selection a caller (a GraphQL resolver) wants back; spread into every Prisma call. */
export type PostQuery = { include?: Prisma.PostInclude; select?: Prisma.PostSelect };

/** The row an edit starts from, read under a lock that holds until the edit commits. */
type LockedPost = EditablePost & {
  status: PostStatus;
  authorId: string;
  workspaceId: string;
  memberIds: string[];
  version: number;
  contentVersion: number;
  attachment: AttachmentFactsRow | null;
};

export interface PostServiceDeps {
  prisma: PrismaClient;
  /** The analysis every content change stores, loaded on the first write. */
  analyzer: () => Promise<Analyze>;
  /** Evicts cached responses that contained a post once it changes. */
  cache?: ResponseCacheInvalidator;
  /** Fetches an article link's title, description and image for its preview; never throws. Without it the preview stays unfetched (null status). */
  previewArticle?: (url: string) => Promise<ArticlePreview>;
  /** Search ranks at most this many of the newest matches (default SEARCH_RANK_WINDOW). */
  searchRankWindow?: number;
  /** Told of a post whose status an edit changed (an approved post edited goes back to DRAFT). */
  onStatusChange?: (post: Post) => void;
  /** Where a post goes when no workspace is named, and who sees a workspace's unpublished posts. */
  workspaces: Pick<WorkspaceService, 'personalWorkspaceId' | 'memberIds'>;
}

export function createPostService({ prisma, analyzer, cache, previewArticle, workspaces, searchRankWindow, onStatusChange }: PostServiceDeps) {
  /**
   * Responses containing the post, and the lists, searches and empty look-ups that could show it: a
   * write can change which posts those show (status, hashtags, content), not only the post's own fields.
   */
  const changed = async <T>(
    post: { id: string; authorId: string; workspaceId: string; memberIds?: string[] },
    wasPublished: boolean,
    result: T,
  ): Promise<T> => {
    if (cache) await cache.invalidate(postChangeEntities(post, wasPublished, post.memberIds ?? (await workspaces.memberIds(post.workspaceId))));
    return result;
  };

  const attachments = createPostAttachments({ prisma, analyzer, previewArticle, changed: (post, wasPublished) => changed(post, wasPublished, undefined) });
  const search = createPostSearch(prisma, searchRankWindow);

  /**
   * Reads, derives and writes in one transaction holding the row, so hashtags and analysis always
   * come from the content as it is stored: a concurrent edit waits, then starts from this one.
   * FOR NO KEY UPDATE is the lock the UPDATE takes anyway; unlike FOR UPDATE it lets engagement
   * ingest (FOR KEY SHARE) go on meanwhile.
   * A change of content or hashtags is stored as a revision by the actor in the same transaction, and
   * every change as an audit entry (`action`).
   */
  async function applyEdit(id: string, changes: PostChanges & AttachmentChoice, actor: MemberActor, query: PostQuery, action: AuditAction, member?: Member) {
    const actorId = actor.userId;
    const analyze = await analyzer();
    const attachment = await attachments.plan(changes);
    const { post, before, edited, status } = await prisma.$transaction(async (tx) => {
      const [before] = await tx.$queryRaw<LockedPost[]>`
        SELECT p.content, p.hashtags, p.tone, p.visibility, p.status, p.author_id AS "authorId", p.version,
               p.content_version AS "contentVersion", p.workspace_id AS "workspaceId",
               ARRAY(SELECT m.user_id::text FROM workspace_members m WHERE m.workspace_id = p.workspace_id) AS "memberIds",
               CASE WHEN a.post_id IS NULL THEN NULL
                    ELSE json_build_object('kind', a.kind, 'articleTitle', a.article_title, 'pollOptions', a.poll_options,
                           'images', (SELECT count(*) FROM post_attachment_media am JOIN media m ON m.id = am.media_id
                                       WHERE am.post_id = p.id AND m.kind = 'IMAGE'),
                           'imagesWithoutAltText', (SELECT count(*) FROM post_attachment_media am JOIN media m ON m.id = am.media_id
                                       WHERE am.post_id = p.id AND m.kind = 'IMAGE' AND coalesce(btrim(m.alt_text), '') = '')) END AS attachment
          FROM posts p LEFT JOIN post_attachments a ON a.post_id = p.id
         WHERE p.id = ${id}::uuid FOR NO KEY UPDATE OF p`;
      if (!before) throw notFound('Post');
      if (changes.expectedVersion != null && changes.expectedVersion !== before.version) {
        throw conflict(`The post is at version ${before.version}, not ${changes.expectedVersion}: it changed since you read it.`);
      }
      if (attachment !== undefined && before.status === 'PUBLISHED') {
        throw conflict('LinkedIn does not let a published post change what it carries (article, poll, media); write a new post instead.');
      }
      const facts = attachment ? await plannedFacts(tx, attachment, before.workspaceId) : contentFacts(attachment === null ? null : before.attachment);
      const edit = planEdit(before, changes, analyze, { facts, changes: attachment !== undefined });
      const standing = member ?? (await memberOnPost(tx, before, actorId));
      const contentChanged = edit?.analysis !== undefined;
      const status = assertAllowed({ status: before.status, action: 'edit', actor: standing, contentChanged }) ?? before.status;
      if (attachment !== undefined) await storeAttachment(tx, id, attachment);
      const post = edit
        ? await tx.post.update({ ...query, where: { id }, data: editData(edit, before.status, status) })
        : await tx.post.findUniqueOrThrow({ ...query, where: { id } });
      if (edit?.analysis) {
        const revised = { content: edit.content ?? before.content, hashtags: edit.hashtags ?? [...before.hashtags], analysis: edit.analysis };
        const contentVersion = before.contentVersion + (edit.content !== undefined ? 1 : 0);
        await tx.postRevision.create({ data: { postId: id, ...revisionData(actorId, { ...revised, contentVersion }) } });
      }
      if (edit || attachment !== undefined) {
        await recordAudit(tx, actor, {
          workspaceId: before.workspaceId,
          action,
          target: { type: 'POST', id },
          changes: changedFields(
            { ...before, attachment: before.attachment?.kind ?? null },
            {
              content: edit?.content,
              hashtags: edit?.hashtags,
              tone: edit?.tone,
              visibility: edit?.visibility,
              status,
              attachment: attachment === undefined ? undefined : (attachment?.columns.kind ?? null),
            },
          ),
        });
      }
      return { post, before, edited: edit !== null, status };
    });
    if (status !== before.status) onStatusChange?.(await prisma.post.findUniqueOrThrow({ where: { id } }));
    return edited
      ? changed({ id, authorId: before.authorId, workspaceId: before.workspaceId, memberIds: before.memberIds }, before.status === 'PUBLISHED', post)
      : post;
  }

  return {
    /** Posts a viewer may read: everything published, plus every post of the workspaces they belong to. */
    visibleTo(viewerId: string | undefined): Prisma.PostWhereInput {
      return viewerId ? { OR: [{ status: 'PUBLISHED' }, { workspace: { members: { some: { userId: viewerId } } } }] } : { status: 'PUBLISHED' };
    },

    /** Posts whose drafts, history, comments and review a viewer may see: every post of the workspaces they belong to. */
    editableBy(viewerId: string | undefined): Prisma.PostWhereInput {
      return viewerId ? { workspace: { members: { some: { userId: viewerId } } } } : { id: { in: [] } };
    },

    /** Analytics are for the members of the post's workspace, unless the post is published publicly. */
    async canSeeAnalytics(postId: string, viewerId: string | undefined): Promise<boolean> {
      const members = { where: { userId: { in: viewerId ? [viewerId] : [] } }, select: { role: true } };
      const post = await prisma.post.findUnique({ where: { id: postId }, select: { status: true, visibility: true, workspace: { select: { members } } } });
      if (!post) throw notFound('Post');
      return mayViewAnalytics(post, post.workspace.members[0]?.role ?? null);
    },

    /** A draft by the actor in `workspaceId` (authorised by the caller), or in the author's personal workspace. */
    async create(actor: MemberActor, draft: PostDraft & AttachmentChoice & { workspaceId?: string | null }, query: PostQuery = {}) {
      const authorId = actor.userId;
      const hashtags = postHashtags(draft.content, draft.hashtags ?? []);
      const workspaceId = draft.workspaceId ?? (await workspaces.personalWorkspaceId(authorId));
      const analyze = await analyzer();
      const attachment = await attachments.plan(draft);
      const id = randomUUID();
      const tone = draft.tone ?? null;
      const visibility = draft.visibility ?? 'PUBLIC';
      const post = await prisma.$transaction(async (tx) => {
        const facts: ContentFacts = attachment ? await plannedFacts(tx, attachment, workspaceId) : { kind: 'TEXT' };
        const analysis = analyze(draft.content, { hashtags, content: facts });
        const media = attachment ? mediaRowsOf(attachment.change) : [];
        const created = await tx.post.create({
          ...query,
          data: {
            id,
            authorId,
            workspaceId,
            content: draft.content,
            hashtags,
            tone,
            visibility,
            analysis: analysis as unknown as Prisma.InputJsonValue,
            totals: { create: {} },
            ...(attachment ? { attachment: { create: { ...attachment.columns, ...(media.length ? { media: { createMany: { data: media } } } : {}) } } } : {}),
            revisions: { create: revisionData(authorId, { content: draft.content, hashtags, contentVersion: 1, analysis }) },
          },
        });
        const fields = { status: 'DRAFT', content: draft.content, hashtags, tone, visibility, attachment: attachment?.columns.kind };
        await recordAudit(tx, actor, { workspaceId, action: 'POST_CREATED', target: { type: 'POST', id }, changes: snapshot('after', fields) });
        return created;
      });
      if (cache) await cache.invalidate(draftCreationEntities({ id, authorId, workspaceId }, await workspaces.memberIds(workspaceId)));
      return post;
    },

    update: (id: string, changes: PostChanges & AttachmentChoice, actor: MemberActor, query: PostQuery = {}, member?: Member) =>
      applyEdit(id, changes, actor, query, 'POST_UPDATED', member),

    refreshMediaWarnings: attachments.refreshMediaWarnings,

    /** Makes a revision's content and hashtags the post's again: an edit like any other, stored as a new revision. */
    async restoreRevision(postId: string, revisionId: string, actor: MemberActor, expectedVersion: number | null | undefined, query: PostQuery = {}) {
      const revision = await prisma.postRevision.findFirst({ where: { id: revisionId, postId }, select: { content: true, hashtags: true } });
      if (!revision) throw notFound('Revision');
      return applyEdit(postId, { content: revision.content, hashtags: revision.hashtags, expectedVersion }, actor, query, 'POST_REVISION_RESTORED');
    },

    /**
     * Deletes the post and, by cascade, everything that refers to it. Never while it is being sent to
     * LinkedIn, and only as it was read: a post that changed meanwhile (published, say) is CONFLICT.
     */
    async delete(id: string, actor: MemberActor, member?: Member): Promise<void> {
      const current = await prisma.post.findUnique({
        where: { id },
        select: { status: true, authorId: true, workspaceId: true, version: true, content: true },
      });
      if (!current) throw notFound('Post');
      assertAllowed({ status: current.status, action: 'delete', actor: member ?? (await memberOnPost(prisma, current, actor.userId)) });
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.post.deleteMany({ where: { id, version: current.version } });
        if (count === 0) {
          if (await tx.post.count({ where: { id } })) throw conflict('The post changed at the same time; read it again and retry.');
          throw notFound('Post');
        }
        const changes = snapshot('before', { status: current.status, content: current.content });
        await recordAudit(tx, actor, { workspaceId: current.workspaceId, action: 'POST_DELETED', target: { type: 'POST', id }, changes });
      });
      await changed({ id, authorId: current.authorId, workspaceId: current.workspaceId }, current.status === 'PUBLISHED', undefined);
    },

    ...search,
  };
}

/**
 * An edit as Prisma writes it: every change bumps the version, a new content its content version too.
 * A scheduled post the edit sends back to DRAFT loses its time; its delayed job then finds it no longer
 * SCHEDULED at that time and sends nothing.
 */
function editData({ analysis, ...fields }: PostEdit, from: PostStatus, to: PostStatus): Prisma.PostUpdateInput {
  return {
    ...fields,
    ...(to !== from ? { status: to, ...(from === 'SCHEDULED' ? { scheduledAt: null } : {}) } : {}),
    ...(analysis ? { analysis: analysis as unknown as Prisma.InputJsonValue } : {}),
    ...(fields.content !== undefined ? { contentVersion: { increment: 1 } } : {}),
    version: { increment: 1 },
  };
}

/** A revision of what a change left: its content, hashtags and a summary of their analysis, by who made it. */
function revisionData(authorId: string, revised: { content: string; hashtags: string[]; contentVersion: number; analysis: PostAnalysis }) {
  const { analysis, ...fields } = revised;
  return { authorId, ...fields, summary: revisionSummary(analysis) as unknown as Prisma.InputJsonValue };
}

export type PostService = ReturnType<typeof createPostService>;
