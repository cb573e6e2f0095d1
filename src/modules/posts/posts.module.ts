import { loadAnalyzer } from '../analysis/analyzer.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createPostService } from './post.service.js';

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. */
export function createPostsModule({ db, cache }: ModuleDeps) {
  return { services: { posts: createPostService({ prisma: db.prisma, analyzer: loadAnalyzer, cache }) } } satisfies Module<object>;
}
