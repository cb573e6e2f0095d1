import { z } from 'zod';
import type { Media, PostAttachment } from '../../generated/prisma/client.js';
import type { ArticlePreviewStatus, PostAttachmentKind } from '../../generated/prisma/enums.js';
import type { FieldProblem } from '../../shared/errors.js';
import type { ContentFacts } from '../analysis/analysis.service.js';

/**
 * LinkedIn's poll limits: 2 to 4 options, and a duration of ONE_DAY, THREE_DAYS, SEVEN_DAYS or
 * FOURTEEN_DAYS (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/community-management/shares/poll-post-api);
 * the question at most 140 characters and each option at most 30, as LinkedIn's composer enforces.
 */
export const POLL_QUESTION_MAX = 140;
export const POLL_OPTION_MAX = 30;
export const POLL_DURATION_DAYS = [1, 3, 7, 14] as const;
/** LinkedIn's multi-image posts hold 2 to 20 images (…/shares/multiimage-post-api). */
export const MULTI_IMAGE_MIN = 2;
export const MULTI_IMAGE_MAX = 20;
/** A document's title, shown over it in the feed; LinkedIn documents no limit, a longer one is no title. */
export const MEDIA_TITLE_MAX = 200;
/** Longer URLs are not links anyone shares; browsers and proxies commonly stop near 2,000 characters. */
export const ARTICLE_URL_MAX = 2000;

const characters = (text: string) => [...text].length;

const nonEmptyText = (max: number) =>
  z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => characters(s) <= max, `must be at most ${max} characters (LinkedIn's limit)`);

export const articleInputSchema = z.object({
  url: z
    .string()
    .max(ARTICLE_URL_MAX, `must be at most ${ARTICLE_URL_MAX} characters`)
    .refine((value) => articleUrlProblem(value) === null, { error: (issue) => articleUrlProblem(String(issue.input)) ?? 'invalid URL' }),
});

export const pollInputSchema = z.object({
  question: nonEmptyText(POLL_QUESTION_MAX),
  options: z
    .array(nonEmptyText(POLL_OPTION_MAX))
    .min(2, 'a poll has 2 to 4 options')
    .max(4, 'a poll has 2 to 4 options')
    .refine((options) => new Set(options.map((o) => o.trim().toLowerCase())).size === options.length, 'options must differ'),
  durationDays: z
    .number()
    .int()
    .refine((days) => (POLL_DURATION_DAYS as readonly number[]).includes(days), `must be one of ${POLL_DURATION_DAYS.join(', ')} (LinkedIn's durations)`),
});

export const mediaTitleSchema = nonEmptyText(MEDIA_TITLE_MAX);

/** The images of a multi-image post: 2 to 20, without titles (LinkedIn shows none); that they differ is checked on their ids (mediaProblems). */
export const multiImageSchema = z
  .array(z.object({ title: z.string().nullish() }).loose())
  .min(MULTI_IMAGE_MIN, `a multi-image post has ${MULTI_IMAGE_MIN} to ${MULTI_IMAGE_MAX} images`)
  .max(MULTI_IMAGE_MAX, `a multi-image post has ${MULTI_IMAGE_MIN} to ${MULTI_IMAGE_MAX} images`)
  .superRefine((images, ctx) => {
    images.forEach((image, index) => {
      if (image.title != null) ctx.addIssue({ code: 'custom', path: [index, 'title'], message: 'the images of a multi-image post have no title' });
    });
  });

function articleUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}

export type ArticleInput = z.infer<typeof articleInputSchema>;
export type PollInput = z.infer<typeof pollInputSchema>;

/** A stored media a post refers to (its raw id), with the title a document is shown under. */
export interface MediaRef {
  id: string;
  title?: string | null;
}

/** The content kinds as the inputs name them; a post carries at most one. */
export interface AttachmentChoice {
  article?: ArticleInput | null;
  poll?: PollInput | null;
  media?: MediaRef | null;
  multiImage?: readonly MediaRef[] | null;
}

/** What a write does to the attachment: keep it (undefined), remove it (null), or set one kind. */
export type AttachmentChange = undefined | null | { article: ArticleInput } | { poll: PollInput } | { media: MediaRef } | { multiImage: readonly MediaRef[] };

const KINDS = ['article', 'poll', 'media', 'multiImage'] as const satisfies readonly (keyof AttachmentChoice)[];

/** Refuses two kinds at once: LinkedIn takes one content kind per post. */
export const oneKindAtMost = (input: Record<string, unknown>) => KINDS.filter((kind) => input[kind] != null).length <= 1;
export const ONE_KIND_MESSAGE = 'a post carries at most one of article, poll, media or multiImage';

/** An explicit null on any kind removes the attachment; a kind given replaces whatever was there. */
export function attachmentChange(input: AttachmentChoice): AttachmentChange {
  if (input.article) return { article: input.article };
  if (input.poll) return { poll: input.poll };
  if (input.media) return { media: input.media };
  if (input.multiImage) return { multiImage: input.multiImage };
  return KINDS.some((kind) => input[kind] === null) ? null : undefined;
}

/** The media an attachment change refers to, in order, each with the input path naming it. */
export function referencedMedia(change: { media: MediaRef } | { multiImage: readonly MediaRef[] }): { ref: MediaRef; path: string }[] {
  if ('media' in change) return [{ ref: change.media, path: 'input.media' }];
  return change.multiImage.map((ref, index) => ({ ref, path: `input.multiImage.${index}` }));
}

/** What the checks need to know of a stored media. */
export interface StoredMediaFacts {
  id: string;
  kind: 'IMAGE' | 'DOCUMENT';
  status: 'PENDING' | 'READY';
  workspaceId: string;
  altText: string | null;
}

/**
 * Why the media a post is to carry cannot be used, per input path: it must exist in the post's
 * workspace (media elsewhere is reported the same as none), be READY, and be of the kind the content
 * takes (an image or a titled document for `media`, images only for `multiImage`).
 */
export function mediaProblems(
  change: { media: MediaRef } | { multiImage: readonly MediaRef[] },
  stored: ReadonlyMap<string, StoredMediaFacts>,
  workspaceId: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const { ref, path } of referencedMedia(change)) {
    const media = stored.get(ref.id);
    if (seen.has(ref.id)) problems.push({ path: `${path}.id`, message: 'the same image is listed twice' });
    else if (!media || media.workspaceId !== workspaceId) problems.push({ path: `${path}.id`, message: "no such media in the post's workspace" });
    else if (media.status !== 'READY') problems.push({ path: `${path}.id`, message: 'the media is not uploaded yet: complete its upload first' });
    else if ('multiImage' in change && media.kind !== 'IMAGE') problems.push({ path: `${path}.id`, message: 'a multi-image post holds images only' });
    else if (media.kind === 'DOCUMENT' && !ref.title?.trim()) {
      problems.push({ path: `${path}.title`, message: 'a document needs a title (LinkedIn shows it over the document)' });
    }
    seen.add(ref.id);
  }
  return problems;
}

/** The facts the warnings need of media about to be attached: how many images, how many without alt text. */
export function mediaFacts(kind: 'MEDIA' | 'MULTI_IMAGE', media: readonly Pick<StoredMediaFacts, 'kind' | 'altText'>[]): ContentFacts {
  const images = media.filter((item) => item.kind === 'IMAGE');
  return { kind, images: images.length, imagesWithoutAltText: images.filter((image) => !image.altText?.trim()).length };
}

/** What fetching an article's page gave: the status always, the fields it found when OK. */
export interface ArticlePreview {
  /** Null when no fetch was tried. */
  status: ArticlePreviewStatus | null;
  title?: string;
  description?: string;
  thumbnailUrl?: string;
}

export type Attachment =
  | {
      kind: 'ARTICLE';
      url: string;
      title: string | null;
      description: string | null;
      thumbnailUrl: string | null;
      previewStatus: ArticlePreviewStatus | null;
    }
  | { kind: 'POLL'; question: string; options: string[]; durationDays: number }
  | { kind: 'MEDIA'; title: string | null; media: Media }
  | { kind: 'MULTI_IMAGE'; images: Media[] };

/** A stored attachment with its media, in position order (empty for the kinds without any). */
export type AttachmentRow = PostAttachment & { media: { media: Media }[] };

/** How a stored attachment is read with its media, in order. */
export const ATTACHMENT_WITH_MEDIA = { include: { media: { orderBy: { position: 'asc' }, include: { media: true } } } } as const;

/** The stored row as the kind it is; a row missing its kind's fields is a bug, not data to guess at. */
export function decodeAttachment(row: AttachmentRow): Attachment {
  if (row.kind === 'ARTICLE' && row.articleUrl) {
    return {
      kind: 'ARTICLE',
      url: row.articleUrl,
      title: row.articleTitle,
      description: row.articleDescription,
      thumbnailUrl: row.articleThumbnailUrl,
      previewStatus: row.articlePreviewStatus,
    };
  }
  if (row.kind === 'POLL' && row.pollQuestion && row.pollDurationDays) {
    return { kind: 'POLL', question: row.pollQuestion, options: row.pollOptions, durationDays: row.pollDurationDays };
  }
  if (row.kind === 'MEDIA' && row.media.length === 1) return { kind: 'MEDIA', title: row.mediaTitle, media: row.media[0]!.media };
  if (row.kind === 'MULTI_IMAGE' && row.media.length >= MULTI_IMAGE_MIN) return { kind: 'MULTI_IMAGE', images: row.media.map((item) => item.media) };
  throw new Error(`post_attachments row of post ${row.postId} does not hold its ${row.kind} fields`);
}

type AttachmentColumns = Omit<PostAttachment, 'postId'>;

/** The columns an attachment is stored in (every kind's, so a replaced kind leaves nothing behind); its media go in their own rows. */
export function attachmentColumns(
  change: { article: ArticleInput; preview: ArticlePreview } | { poll: PollInput } | { media: MediaRef } | { multiImage: readonly MediaRef[] },
): AttachmentColumns {
  const empty: Omit<AttachmentColumns, 'kind'> = {
    articleUrl: null,
    articleTitle: null,
    articleDescription: null,
    articleThumbnailUrl: null,
    articlePreviewStatus: null,
    pollQuestion: null,
    pollOptions: [],
    pollDurationDays: null,
    mediaTitle: null,
  };
  if ('media' in change) return { ...empty, kind: 'MEDIA', mediaTitle: change.media.title?.trim() || null };
  if ('multiImage' in change) return { ...empty, kind: 'MULTI_IMAGE' };
  if ('poll' in change) {
    const { question, options, durationDays } = change.poll;
    return { ...empty, kind: 'POLL', pollQuestion: question.trim(), pollOptions: options.map((o) => o.trim()), pollDurationDays: durationDays };
  }
  const { preview } = change;
  return {
    ...empty,
    kind: 'ARTICLE',
    articleUrl: change.article.url,
    articleTitle: preview.title ?? null,
    articleDescription: preview.description ?? null,
    articleThumbnailUrl: preview.thumbnailUrl ?? null,
    articlePreviewStatus: preview.status,
  };
}

/** The stored attachment columns the analysis reads; null for a text-only post. */
export interface AttachmentFactsRow {
  kind: PostAttachmentKind;
  articleTitle?: string | null;
  pollOptions?: readonly string[] | null;
  /** For the media kinds: the images attached, and how many of them have no alt text. */
  images?: number;
  imagesWithoutAltText?: number;
}

/** What the warnings need to know about what a post carries. */
export function contentFacts(row: AttachmentFactsRow | null | undefined): ContentFacts {
  if (!row) return { kind: 'TEXT' };
  if (row.kind === 'ARTICLE') return { kind: 'ARTICLE', title: row.articleTitle ?? null };
  if (row.kind === 'POLL') return { kind: 'POLL', options: row.pollOptions ?? [] };
  return { kind: row.kind, images: Number(row.images ?? 0), imagesWithoutAltText: Number(row.imagesWithoutAltText ?? 0) };
}
