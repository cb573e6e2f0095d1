import type { Module, ModuleDeps } from '../module.types.js';
import { createWorkspaceMemberService } from './workspace-members.service.js';
import { createWorkspaceService } from './workspaces.service.js';

/** Teams: workspaces, their members and roles, invitations. */
export function createWorkspacesModule({ db, cache }: ModuleDeps) {
  return {
    services: { workspaces: createWorkspaceService(db.prisma, cache), workspaceMembers: createWorkspaceMemberService(db.prisma, cache) },
  } satisfies Module<object>;
}
