import { addressPolicy } from '../../infra/guarded-fetch/address-policy.js';
import { loadAnalyzer } from '../analysis/analyzer.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createArticlePreviewer } from './article-preview.js';
import { createPostService } from './post.service.js';

/** An article page's head is in its first few hundred kilobytes; a page this big is refused, not read on. */
const ARTICLE_PAGE_MAX_BYTES = 1024 * 1024;
const ARTICLE_MAX_REDIRECTS = 3;

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. */
export function createPostsModule({ db, cache, config }: ModuleDeps) {
  const { allowedCidrs, timeoutMs } = config.articlePreview;
  const previewArticle = createArticlePreviewer({
    policy: addressPolicy(allowedCidrs),
    connectTimeoutMs: Math.ceil(timeoutMs / 3),
    totalTimeoutMs: timeoutMs,
    maxBytes: ARTICLE_PAGE_MAX_BYTES,
    maxRedirects: ARTICLE_MAX_REDIRECTS,
  });
  return { services: { posts: createPostService({ prisma: db.prisma, analyzer: loadAnalyzer, cache, previewArticle }) } } satisfies Module<object>;
}
