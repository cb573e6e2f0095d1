import { createContextCache } from '@pothos/core';
import type DataLoader from 'dataloader';
import type { WorkspaceRole } from '../modules/workspaces/workspace-permissions.rules.js';
import { viewerUserId } from '../shared/viewer.js';
import type { Context } from './context.js';

/** One loader per request: a page of posts or workspaces asks for the caller's roles in one statement. */
const loaders = createContextCache((ctx: Context): DataLoader<string, WorkspaceRole | null> | null => {
  const userId = viewerUserId(ctx);
  return userId ? ctx.services.workspaces.roleLoader(userId) : null;
});

/** The caller's role in the workspace; null when signed out or not a member. */
export function viewerRoleIn(ctx: Context, workspaceId: string): Promise<WorkspaceRole | null> {
  return loaders(ctx)?.load(workspaceId) ?? Promise.resolve(null);
}

/** The caller's role in a workspace read along with something else, so a later `viewerRoleIn` costs no statement. */
export function knownViewerRole(ctx: Context, workspaceId: string, role: WorkspaceRole | null): void {
  loaders(ctx)?.prime(workspaceId, role);
}
