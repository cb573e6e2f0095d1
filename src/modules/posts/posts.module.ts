import { analyzeText } from '../analysis/analysis.service.js';
import type { Module, ModuleDeps } from '../module.types.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { createPostService } from './post.service.js';

/** Writing posts: drafts, edits, deletion, listings and search; every content change is analysed. */
export function createPostsModule({ db, cache }: ModuleDeps, workspaces: WorkspaceService) {
  return { services: { posts: createPostService({ prisma: db.prisma, analyze: analyzeText, cache, workspaces }) } } satisfies Module<object>;
}
