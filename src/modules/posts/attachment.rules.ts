import { z } from 'zod';
import type { PostAttachment } from '../../generated/prisma/client.js';
import type { ArticlePreviewStatus, PostAttachmentKind } from '../../generated/prisma/enums.js';
import type { ContentFacts } from '../analysis/analysis.service.js';

/**
 * LinkedIn's poll limits: 2 to 4 options, and a duration of ONE_DAY, THREE_DAYS, SEVEN_DAYS or
 * FOURTEEN_DAYS (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/community-management/shares/poll-post-api);
 * the question at most 140 characters and each option at most 30, as LinkedIn's composer enforces.
 */
export const POLL_QUESTION_MAX = 140;
export const POLL_OPTION_MAX = 30;
export const POLL_DURATION_DAYS = [1, 3, 7, 14] as const;
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

/** The content kinds as the inputs name them; a post carries at most one. */
export interface AttachmentChoice {
  article?: ArticleInput | null;
  poll?: PollInput | null;
}

/** What a write does to the attachment: keep it (undefined), remove it (null), or set one kind. */
export type AttachmentChange = undefined | null | { article: ArticleInput } | { poll: PollInput };

const KINDS = ['article', 'poll'] as const satisfies readonly (keyof AttachmentChoice)[];

/** Refuses two kinds at once: LinkedIn takes one content kind per post. */
export const oneKindAtMost = (input: Record<string, unknown>) => KINDS.filter((kind) => input[kind] != null).length <= 1;
export const ONE_KIND_MESSAGE = 'a post carries at most one of article or poll';

/** An explicit null on any kind removes the attachment; a kind given replaces whatever was there. */
export function attachmentChange(input: AttachmentChoice): AttachmentChange {
  if (input.article) return { article: input.article };
  if (input.poll) return { poll: input.poll };
  return KINDS.some((kind) => input[kind] === null) ? null : undefined;
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
  | { kind: 'POLL'; question: string; options: string[]; durationDays: number };

/** The stored row as the kind it is; a row missing its kind's fields is a bug, not data to guess at. */
export function decodeAttachment(row: PostAttachment): Attachment {
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
  throw new Error(`post_attachments row of post ${row.postId} does not hold its ${row.kind} fields`);
}

type AttachmentColumns = Omit<PostAttachment, 'postId'>;

/** The columns an attachment is stored in (every kind's, so a replaced kind leaves nothing behind). */
export function attachmentColumns(change: { article: ArticleInput; preview: ArticlePreview } | { poll: PollInput }): AttachmentColumns {
  const empty: Omit<AttachmentColumns, 'kind'> = {
    articleUrl: null,
    articleTitle: null,
    articleDescription: null,
    articleThumbnailUrl: null,
    articlePreviewStatus: null,
    pollQuestion: null,
    pollOptions: [],
    pollDurationDays: null,
  };
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
}

/** What the warnings need to know about what a post carries. */
export function contentFacts(row: AttachmentFactsRow | null | undefined): ContentFacts {
  if (!row) return { kind: 'TEXT' };
  if (row.kind === 'ARTICLE') return { kind: 'ARTICLE', title: row.articleTitle ?? null };
  return { kind: 'POLL', options: row.pollOptions ?? [] };
}
