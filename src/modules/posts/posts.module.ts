import type { Post } from '../../generated/prisma/client.js';
import { analyzeText } from '../analysis/analysis.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createPostService } from './post.service.js';

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. */
export function createPostsModule({ db, cache, pubsub }: ModuleDeps) {
  const onStatusChange = (post: Post) => pubsub.publish('post:status', post.id, post);
  return { services: { posts: createPostService({ prisma: db.prisma, analyze: analyzeText, cache, onStatusChange }) } } satisfies Module<object>;
}
