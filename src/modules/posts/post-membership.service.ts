import type { PrismaClient } from '../../infra/db/database.js';
import type { Member } from './post-workflow.rules.js';

type Reader = Pick<PrismaClient, 'workspace'>;

/**
 * The user acting on the post, as the workflow rules see them: their role in the post's workspace and
 * whether that workspace requires approval, in one statement. Someone outside the workspace acts as a
 * VIEWER, whom the rules allow nothing (the auth scopes refuse them before this is asked).
 */
export async function memberOnPost(db: Reader, post: { workspaceId: string }, userId: string): Promise<Member> {
  const workspace = await db.workspace.findUnique({
    where: { id: post.workspaceId },
    select: { requiresApproval: true, members: { where: { userId }, select: { role: true } } },
  });
  return { role: workspace?.members[0]?.role ?? 'VIEWER', requiresApproval: workspace?.requiresApproval ?? false };
}
