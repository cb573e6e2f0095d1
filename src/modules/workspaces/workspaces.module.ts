import type { Module, ModuleDeps } from '../module.types.js';
import { createWorkspaceService } from './workspaces.service.js';

/** Teams: workspaces, their members and roles. */
export function createWorkspacesModule({ db, cache }: ModuleDeps) {
  return { services: { workspaces: createWorkspaceService(db.prisma, cache) } } satisfies Module<object>;
}
