import type { Post, PostComment } from '../../generated/prisma/client.js';
import { addressPolicy } from '../../infra/guarded-fetch/address-policy.js';
import { loadAnalyzer } from '../analysis/analyzer.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { createArticlePreviewer } from './article-preview.js';
import { createPostService } from './post.service.js';
import { createPostCommentService } from './post-comment.service.js';

/** An article page's head is in its first few hundred kilobytes; a page this big is refused, not read on. */
const ARTICLE_PAGE_MAX_BYTES = 1024 * 1024;
const ARTICLE_MAX_REDIRECTS = 3;

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. Team comments on them. */
export function createPostsModule({ db, cache, pubsub, config }: ModuleDeps, workspaces: WorkspaceService) {
  const { allowedCidrs, timeoutMs } = config.articlePreview;
  const previewArticle = createArticlePreviewer({
    policy: addressPolicy(allowedCidrs),
    connectTimeoutMs: Math.ceil(timeoutMs / 3),
    totalTimeoutMs: timeoutMs,
    maxBytes: ARTICLE_PAGE_MAX_BYTES,
    maxRedirects: ARTICLE_MAX_REDIRECTS,
  });
  const onStatusChange = (post: Post) => pubsub.publish('post:status', post.id, post);
  const onAdded = (comment: PostComment) => pubsub.publish('post:comment', comment.postId, comment);
  return {
    services: {
      posts: createPostService({ prisma: db.prisma, analyzer: loadAnalyzer, cache, previewArticle, onStatusChange, workspaces }),
      postComments: createPostCommentService({ prisma: db.prisma, cache, onAdded }),
    },
  } satisfies Module<object>;
}
