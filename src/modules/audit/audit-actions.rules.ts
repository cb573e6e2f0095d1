/**
 * Every change the audit log records, with the words GraphQL describes it with. Adding a mutation that
 * changes a workspace: add its action here, call `recordAudit` in its transaction, and give it a row in
 * test/audit/audit-coverage.test.ts (which fails until it has one) and in the enum reachability test.
 */
export const AUDIT_ACTIONS = {
  POST_CREATED: 'A post was written (createPost).',
  POST_UPDATED: "A post's content, hashtags, tone, visibility or attachment changed (updatePost).",
  POST_DELETED: 'A post was deleted (deletePost).',
  POST_ARCHIVED: 'A post was archived (archivePost).',
  POST_UNARCHIVED: 'A post was brought back from the archive (unarchivePost).',
  POST_SUBMITTED_FOR_REVIEW: 'A post was submitted for review (submitForReview).',
  POST_APPROVED: 'A post was approved (approvePost).',
  POST_CHANGES_REQUESTED: 'A reviewer sent a post back to DRAFT with a comment (requestChanges).',
  POST_REVISION_RESTORED: "An earlier revision's content became the post's again (restoreRevision).",
  POST_PUBLISH_REQUESTED: 'A post was sent to LinkedIn now (publishPost): it is PUBLISHING.',
  POST_SCHEDULED: 'A post was scheduled (schedulePost).',
  POST_RESCHEDULED: 'A scheduled post was moved to another time (reschedulePost, or one entry per post of reschedulePosts).',
  POST_QUEUED: "A post was scheduled into the next free slot of its account's posting schedule (addToQueue).",
  QUEUE_SHUFFLED: "The queued posts of a LinkedIn account swapped their slots at random (shuffleQueue); the entry's target is the account.",
  POSTING_SCHEDULE_SET: "A LinkedIn account's posting schedule in the workspace was set or replaced (setPostingSchedule); the entry's target is the account.",
  POST_SCHEDULE_CANCELLED: "A post's schedule was cancelled (cancelSchedule).",
  POST_PUBLISHING: 'The publishing worker started sending a scheduled post at its time.',
  POST_PUBLISHED: 'The publishing worker published a post on LinkedIn.',
  POST_PUBLISH_FAILED: 'The publishing worker gave up on a post: it is FAILED.',
  COMMENT_ADDED: 'A comment was added to a post (addComment).',
  COMMENT_EDITED: 'A comment was edited (editComment).',
  COMMENT_DELETED: 'A comment was deleted (deleteComment).',
  WORKSPACE_CREATED: 'The workspace was created (createWorkspace).',
  WORKSPACE_UPDATED: "The workspace's name or approval setting changed (updateWorkspace).",
  MEMBER_INVITED: 'Someone was invited (inviteMember).',
  INVITATION_ACCEPTED: 'An invitation was accepted: its invitee joined (acceptInvitation).',
  INVITATION_REVOKED: 'An invitation was revoked (revokeInvitation).',
  MEMBER_ROLE_CHANGED: "A member's role changed (changeMemberRole).",
  MEMBER_REMOVED: 'A member was removed (removeMember).',
  MEMBER_LEFT: 'A member left (leaveWorkspace).',
  MEMBER_ACCOUNT_DELETED:
    "A member deleted their account (deleteAccount): they left, and their posts here went with it (the entry's actor is null from then on).",
  MEDIA_UPLOADED: 'Media was stored in the workspace, verified and READY (uploadMedia, or completeUpload of a two-step upload).',
  MEDIA_UPLOAD_STARTED: 'A two-step upload was announced: a PENDING media waits for its bytes (createUpload).',
  MEDIA_ALT_TEXT_CHANGED: "A media's alternative text was set or cleared (updateMediaAltText).",
  MEDIA_DELETED: 'A media and its stored files were deleted (deleteMedia).',
  LINKEDIN_ACCOUNT_CONNECTED: 'A LinkedIn account was connected (or connected again) through the OAuth callback.',
  LINKEDIN_ACCOUNT_DISCONNECTED: 'A LinkedIn account was disconnected (disconnectLinkedIn).',
  GENERATION_REQUESTED:
    "The AI writer was asked for a post (generatePost, or one entry per job of generatePosts); the entry's target is the job, and the draft it writes is recorded as POST_CREATED.",
  GENERATION_CANCELLED: 'A QUEUED or RUNNING generation job was stopped (cancelGeneration).',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What an entry is about: the GraphQL type of its target, whose global id the entry gives. */
export const AUDIT_TARGETS = {
  POST: { typename: 'Post', description: 'A post.' },
  COMMENT: { typename: 'PostComment', description: 'A comment on a post.' },
  WORKSPACE: { typename: 'Workspace', description: 'The workspace itself (its settings).' },
  INVITATION: { typename: 'Invitation', description: 'An invitation (`Invitation.id` is its raw id; the entry gives it as a global id).' },
  MEMBER: { typename: 'User', description: 'A member (the user whose membership changed).' },
  LINKEDIN_ACCOUNT: { typename: 'LinkedInAccount', description: 'A connected LinkedIn account.' },
  MEDIA: { typename: 'Media', description: 'An uploaded image or document.' },
  GENERATION_JOB: { typename: 'GenerationJob', description: 'A job of the AI writer.' },
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGETS;

/** Processes that change workspaces on their own, with no member behind the change. */
export const SYSTEM_ACTORS = {
  PUBLISHING_WORKER: 'The publishing worker: sends scheduled and requested posts to LinkedIn and records how it went.',
} as const;

export type SystemActorName = keyof typeof SYSTEM_ACTORS;
