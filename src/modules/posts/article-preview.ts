import { GuardedFetchError, type GuardedFetchLimits, guardedFetch } from '../../infra/guarded-fetch/guarded-fetch.js';
import { readArticleHead } from './article-head.rules.js';
import type { ArticlePreview } from './attachment.rules.js';

const HTML = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Previews of article links, fetched from the URL the author gave and nowhere else, through the
 * guarded fetch (public addresses only, every redirect re-checked, time and size limits). A page that
 * cannot be previewed is not an error: the post keeps its URL and the preview says why.
 */
export function createArticlePreviewer(limits: GuardedFetchLimits) {
  return async function previewArticle(url: string): Promise<ArticlePreview> {
    try {
      const page = await guardedFetch(url, (type) => HTML.has(type), limits);
      const head = readArticleHead(page.body.toString('utf8'));
      const thumbnailUrl = head.image ? httpUrl(head.image, page.url) : undefined;
      return {
        status: 'OK',
        ...(head.title ? { title: head.title } : {}),
        ...(head.description ? { description: head.description } : {}),
        ...(thumbnailUrl ? { thumbnailUrl } : {}),
      };
    } catch (error) {
      if (!(error instanceof GuardedFetchError)) throw error;
      return { status: error.reason === 'WRONG_TYPE' ? 'NOT_HTML' : error.reason };
    }
  };
}

/** The image URL resolved against the page, if it is one we would fetch (http or https). */
function httpUrl(reference: string, base: string): string | undefined {
  try {
    const url = new URL(reference, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
