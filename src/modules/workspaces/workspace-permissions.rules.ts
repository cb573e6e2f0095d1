/** A member's role in a workspace, most powerful first. */
export type WorkspaceRole = 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER';

export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'];

/** What a member may do in a workspace; the README's permission table is this one. */
export type WorkspaceAction =
  | 'readPosts'
  | 'comment'
  | 'writeOwnPosts'
  | 'editOthersPosts'
  | 'publish'
  | 'useMedia'
  | 'manageLinkedInAccounts'
  | 'manageQueue'
  | 'manageMembers'
  | 'changeSettings'
  | 'deleteWorkspace'
  | 'readAuditLog'
  | 'recordEngagement';

const EVERYONE: readonly WorkspaceRole[] = WORKSPACE_ROLES;
const WRITERS: readonly WorkspaceRole[] = ['OWNER', 'ADMIN', 'EDITOR'];
const MANAGERS: readonly WorkspaceRole[] = ['OWNER', 'ADMIN'];

export const PERMISSIONS: Record<WorkspaceAction, readonly WorkspaceRole[]> = {
  readPosts: EVERYONE,
  comment: WRITERS,
  writeOwnPosts: WRITERS,
  editOthersPosts: MANAGERS,
  publish: WRITERS,
  useMedia: WRITERS,
  manageLinkedInAccounts: MANAGERS,
  manageQueue: MANAGERS,
  manageMembers: MANAGERS,
  changeSettings: MANAGERS,
  deleteWorkspace: ['OWNER'],
  readAuditLog: MANAGERS,
  recordEngagement: WRITERS,
};

/** Whether a member with `role` may do `action`; a non-member (no role) may do nothing. */
export function mayDo(role: WorkspaceRole | null | undefined, action: WorkspaceAction): boolean {
  return role != null && PERMISSIONS[action].includes(role);
}

/** What may be done to one post: writing it (edit, delete, archive) or sending it out (schedule, publish). */
export type PostAction = 'write' | 'publish';

/**
 * A post's author needs the action's permission for their own posts; anyone else in the workspace
 * needs to be allowed to edit others' posts too.
 */
export function mayActOnPost(role: WorkspaceRole | null | undefined, action: PostAction, isAuthor: boolean): boolean {
  const own = mayDo(role, action === 'write' ? 'writeOwnPosts' : 'publish');
  return own && (isAuthor || mayDo(role, 'editOthersPosts'));
}

/**
 * Changing or deleting media (alt text, completing an upload, deleting it): its uploader needs useMedia;
 * anyone else in the workspace needs to be allowed to edit others' posts too, as for posts.
 */
export function mayChangeMedia(role: WorkspaceRole | null | undefined, isUploader: boolean): boolean {
  return mayDo(role, 'useMedia') && (isUploader || mayDo(role, 'editOthersPosts'));
}

/** Only an OWNER gives or takes the OWNER role; ADMINs manage everyone else. */
export function mayAssignRole(actor: WorkspaceRole | null | undefined, from: WorkspaceRole | null, to: WorkspaceRole | null): boolean {
  if (!mayDo(actor, 'manageMembers')) return false;
  return actor === 'OWNER' || (from !== 'OWNER' && to !== 'OWNER');
}
