import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { badInput } from '../../shared/errors.js';
import {
  type ArticlePreview,
  ATTACHMENT_WITH_MEDIA,
  type AttachmentChange,
  type AttachmentChoice,
  attachmentChange,
  attachmentColumns,
  contentFacts,
  mediaFacts,
  mediaProblems,
  referencedMedia,
  type StoredMediaFacts,
} from './attachment.rules.js';
import type { Analyze } from './post-edit.rules.js';

/** What a write stores as the attachment: undefined keeps it, null removes it, else its kind's change and the columns it is kept in. */
export type PlannedAttachment = undefined | null | { change: NonNullable<AttachmentChange>; columns: ReturnType<typeof attachmentColumns> };

/** The rows listing an attachment's media, in order; none for the kinds without media. */
export function mediaRowsOf(change: NonNullable<AttachmentChange>): { mediaId: string; position: number }[] {
  if (!('media' in change) && !('multiImage' in change)) return [];
  return referencedMedia(change).map(({ ref }, position) => ({ mediaId: ref.id, position }));
}

/**
 * The facts the analysis needs of the attachment about to be stored. Media it refers to are checked
 * (BAD_USER_INPUT naming each unusable one) and locked until the write commits, so none is deleted
 * under it.
 */
export async function plannedFacts(tx: Prisma.TransactionClient, planned: Exclude<PlannedAttachment, null | undefined>, workspaceId: string) {
  const { change } = planned;
  if (!('media' in change) && !('multiImage' in change)) return contentFacts(planned.columns);
  const refs = referencedMedia(change);
  const stored = await tx.$queryRaw<StoredMediaFacts[]>`
    SELECT id::text, kind::text, status::text, workspace_id::text AS "workspaceId", alt_text AS "altText"
      FROM media WHERE id IN (${Prisma.join(refs.map(({ ref }) => Prisma.sql`${ref.id}::uuid`))}) FOR KEY SHARE`;
  const byId = new Map(stored.map((media) => [media.id, media]));
  const problems = mediaProblems(change, byId, workspaceId);
  if (problems.length) throw badInput(problems);
  return mediaFacts(
    'media' in change ? 'MEDIA' : 'MULTI_IMAGE',
    refs.map(({ ref }) => byId.get(ref.id)!),
  );
}

/** Writes the planned attachment of post `postId` (null removes it), its media in order. */
export async function storeAttachment(tx: Prisma.TransactionClient, postId: string, planned: Exclude<PlannedAttachment, undefined>) {
  await tx.postAttachmentMedia.deleteMany({ where: { postId } });
  if (planned === null) {
    await tx.postAttachment.deleteMany({ where: { postId } });
    return;
  }
  await tx.postAttachment.upsert({ where: { postId }, create: { postId, ...planned.columns }, update: planned.columns });
  const media = mediaRowsOf(planned.change);
  if (media.length) await tx.postAttachmentMedia.createMany({ data: media.map((row) => ({ postId, ...row })) });
}

export interface PostAttachmentDeps {
  prisma: PrismaClient;
  analyzer: () => Promise<Analyze>;
  /** Fetches an article link's title, description and image for its preview; never throws. Without it the preview stays unfetched (null status). */
  previewArticle?: (url: string) => Promise<ArticlePreview>;
  /** Told of a post whose stored analysis changed, to evict the responses that showed it. */
  changed: (post: { id: string; authorId: string; workspaceId: string }, wasPublished: boolean) => Promise<unknown>;
}

/** What posts carry (article, poll, media): planned before a write, and their analysis kept in step with their media. */
export function createPostAttachments({ prisma, analyzer, previewArticle, changed }: PostAttachmentDeps) {
  return {
    /**
     * The columns the attachment a write asks for is stored in: undefined to keep it, null to remove it.
     * An article's page is fetched here, before any transaction opens, so a slow site holds no lock.
     */
    async plan(choice: AttachmentChoice): Promise<PlannedAttachment> {
      const change = attachmentChange(choice);
      if (!change) return change;
      if (!('article' in change)) return { change, columns: attachmentColumns(change) };
      const preview = previewArticle ? await previewArticle(change.article.url) : { status: null };
      return { change, columns: attachmentColumns({ article: change.article, preview }) };
    },

    /**
     * Re-runs the analysis of the posts carrying `mediaId` after its alt text changed, since their
     * warnings count images without one. A post whose content changed meanwhile keeps that edit's analysis.
     */
    async refreshMediaWarnings(mediaId: string): Promise<void> {
      const analyze = await analyzer();
      const posts = await prisma.post.findMany({
        where: { attachment: { media: { some: { mediaId } } } },
        select: {
          id: true,
          content: true,
          hashtags: true,
          status: true,
          authorId: true,
          workspaceId: true,
          contentVersion: true,
          attachment: ATTACHMENT_WITH_MEDIA,
        },
      });
      for (const post of posts) {
        if (post.attachment?.kind !== 'MEDIA' && post.attachment?.kind !== 'MULTI_IMAGE') continue;
        const facts = mediaFacts(
          post.attachment.kind,
          post.attachment.media.map((item) => item.media),
        );
        const analysis = analyze(post.content, { hashtags: post.hashtags, content: facts });
        await prisma.post.updateMany({
          where: { id: post.id, contentVersion: post.contentVersion },
          data: { analysis: analysis as unknown as Prisma.InputJsonValue },
        });
        await changed(post, post.status === 'PUBLISHED');
      }
    },
  };
}
