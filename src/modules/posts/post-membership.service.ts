import type { PrismaClient } from '../../infra/db/database.js';
import type { Member, WorkspaceRole } from './post-workflow.rules.js';

type Reader = Pick<PrismaClient, 'post'>;

/**
 * The user's role on the post's workspace. Until posts belong to workspaces, an author is the OWNER
 * of their own posts and everyone else a VIEWER (who reads, if the post is visible to them).
 */
async function roleOnPost(_db: Reader, post: { authorId: string }, userId: string): Promise<WorkspaceRole> {
  return post.authorId === userId ? 'OWNER' : 'VIEWER';
}

/** Whether the post's workspace requires approval before publishing; no workspace does until workspaces exist. */
async function approvalRequired(_db: Reader, _post: { authorId: string }): Promise<boolean> {
  return false;
}

/** The user acting on the post, as the workflow rules see them. */
export async function memberOnPost(db: Reader, post: { authorId: string }, userId: string): Promise<Member> {
  const [role, requiresApproval] = await Promise.all([roleOnPost(db, post, userId), approvalRequired(db, post)]);
  return { role, requiresApproval };
}
