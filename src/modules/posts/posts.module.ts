import type { Post, PostComment } from '../../generated/prisma/client.js';
import { analyzeText } from '../analysis/analysis.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createPostService } from './post.service.js';
import { createPostCommentService } from './post-comment.service.js';

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. Team comments on them. */
export function createPostsModule({ db, cache, pubsub }: ModuleDeps) {
  const onStatusChange = (post: Post) => pubsub.publish('post:status', post.id, post);
  const onAdded = (comment: PostComment) => pubsub.publish('post:comment', comment.postId, comment);
  return {
    services: {
      posts: createPostService({ prisma: db.prisma, analyze: analyzeText, cache, onStatusChange }),
      postComments: createPostCommentService({ prisma: db.prisma, cache, onAdded }),
    },
  } satisfies Module<object>;
}
