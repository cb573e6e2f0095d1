/**
 * The `content` of a Posts API body, one kind at most, in LinkedIn's shapes
 * (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api):
 * an article link, a poll, one image or document, or several images.
 */
export type LinkedInPostContent =
  | { article: { source: string; title: string; description?: string; thumbnail?: string } }
  | { poll: { question: string; options: { text: string }[]; settings: { duration: PollDuration } } }
  | { media: { id: string; title?: string; altText?: string } }
  | { multiImage: { images: { id: string; altText?: string }[] } };

type PollDuration = 'ONE_DAY' | 'THREE_DAYS' | 'SEVEN_DAYS' | 'FOURTEEN_DAYS';

const DURATIONS: Record<number, PollDuration> = { 1: 'ONE_DAY', 3: 'THREE_DAYS', 7: 'SEVEN_DAYS', 14: 'FOURTEEN_DAYS' };

export function pollContent(poll: { question: string; options: readonly string[]; durationDays: number }): LinkedInPostContent {
  const duration = DURATIONS[poll.durationDays];
  if (!duration) throw new Error(`A poll of ${poll.durationDays} days cannot be sent to LinkedIn (1, 3, 7 or 14).`);
  return { poll: { question: poll.question, options: poll.options.map((text) => ({ text })), settings: { duration } } };
}

/** LinkedIn requires an article's title; a page that gave none is titled by its URL. */
export function articleContent(article: { url: string; title: string | null; description: string | null }, thumbnail?: string): LinkedInPostContent {
  return {
    article: {
      source: article.url,
      title: article.title ?? article.url,
      ...(article.description ? { description: article.description } : {}),
      ...(thumbnail ? { thumbnail } : {}),
    },
  };
}

/** One uploaded image (`urn:li:image:…`) or document (`urn:li:document:…`, which LinkedIn shows under `title`). */
export function mediaContent(media: { urn: string; title?: string; altText?: string }): LinkedInPostContent {
  return { media: { id: media.urn, ...(media.title ? { title: media.title } : {}), ...(media.altText ? { altText: media.altText } : {}) } };
}

/** 2 to 20 uploaded images, in order. */
export function multiImageContent(images: readonly { urn: string; altText?: string }[]): LinkedInPostContent {
  return { multiImage: { images: images.map((image) => ({ id: image.urn, ...(image.altText ? { altText: image.altText } : {}) })) } };
}
