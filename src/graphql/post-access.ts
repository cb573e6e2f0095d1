import { createContextCache } from '@pothos/core';
import type { MemberActor } from '../modules/audit/audit.types.js';
import type { Member } from '../modules/posts/post-workflow.rules.js';
import type { PostAccess } from '../modules/workspaces/workspaces.service.js';
import type { Context } from './context.js';

/** One read per post per request: the auth scope reads it, and the mutation's workflow decision reuses it. */
const cache = createContextCache((_ctx: Context) => new Map<string, Promise<PostAccess>>());

/** The user's standing on the post, read once per request. */
export function postAccessOf(ctx: Context, postId: string, userId: string): Promise<PostAccess> {
  const key = `${userId}:${postId}`;
  const known = cache(ctx);
  let access = known.get(key);
  if (!access) {
    access = ctx.services.workspaces.postAccess(postId, userId);
    known.set(key, access);
  }
  return access;
}

/**
 * The user as the workflow rules see them on the post, from the same read as the auth scope.
 * Someone outside the workspace acts as a VIEWER, whom the rules allow nothing.
 */
async function memberOnPostOf(ctx: Context, postId: string, userId: string): Promise<Member> {
  const { role, requiresApproval } = await postAccessOf(ctx, postId, userId);
  return { role: role ?? 'VIEWER', requiresApproval };
}

/** The signed-in caller acting on the post, with their membership from the auth scope's read: what the post services take. */
export async function actingOn(ctx: Context, postId: string, actor: MemberActor): Promise<{ actor: MemberActor; member: Member }> {
  return { actor, member: await memberOnPostOf(ctx, postId, actor.userId) };
}
