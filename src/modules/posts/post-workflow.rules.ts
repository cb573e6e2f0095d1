import { conflict, forbidden } from '../../shared/errors.js';

/**
 * Every status change of a post, decided in one place: who (a workspace role, or the publishing
 * worker) may do what to a post in which status, and the status it leaves the post in.
 *
 * Approval: in a workspace that `requiresApproval`, an EDITOR submits a draft for review (IN_REVIEW);
 * an ADMIN or OWNER approves it (APPROVED) or requests changes (back to DRAFT). An EDITOR there may
 * schedule or publish only APPROVED posts (and move or publish a SCHEDULED one, which was approved to
 * be scheduled). Approval covers content: a content edit of an IN_REVIEW or APPROVED post, by anyone,
 * returns it to DRAFT, and so does an EDITOR's content edit of a SCHEDULED post in such a workspace
 * (ADMINs and OWNERs could schedule it unapproved anyway). Review is open to every workspace, so a
 * team may use it without requiring it.
 */

/** Same names as the PostStatus enum. */
export type PostStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'SCHEDULED' | 'PUBLISHING' | 'PUBLISHED' | 'FAILED' | 'ARCHIVED';

export type WorkspaceRole = 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER';

/** What a member asks for. */
export type MemberAction =
  | 'edit'
  | 'submitForReview'
  | 'approve'
  | 'requestChanges'
  | 'schedule'
  | 'unschedule'
  | 'publishNow'
  | 'archive'
  | 'unarchive'
  | 'delete';

/**
 * What the publishing worker records: an attempt starting (a scheduled post falling due, a retry, or
 * taking over a stopped attempt), an attempt that will be retried, and the final outcome.
 */
export type WorkerAction = 'publishStarted' | 'publishRetried' | 'publishSucceeded' | 'publishFailed';

export type WorkflowAction = MemberAction | WorkerAction;

/** A member acting on a post, as their workspace sees them. */
export interface Member {
  role: WorkspaceRole;
  requiresApproval: boolean;
}

export type Actor = Member | 'WORKER';

export interface WorkflowRequest {
  status: PostStatus;
  action: WorkflowAction;
  actor: Actor;
  /** For `edit`: whether it changes the content or hashtags (what an approval covered). */
  contentChanged?: boolean;
  /** For `unarchive`: whether the post was ever published. */
  wasPublished?: boolean;
}

/** Allowed, and the status it leaves (null: the post is gone); or refused, with a code the client can act on. */
export type Decision = { allowed: true; to: PostStatus | null } | { allowed: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string };

const WRITERS: readonly WorkspaceRole[] = ['OWNER', 'ADMIN', 'EDITOR'];
const MANAGERS: readonly WorkspaceRole[] = ['OWNER', 'ADMIN'];

interface Rule {
  /** Statuses the action applies to. */
  from: readonly PostStatus[];
  /** Who may ask for it; absent for the worker's actions. */
  roles?: readonly WorkspaceRole[];
  /** The statuses an EDITOR may start it from when approval is required; absent: no such restriction. */
  editorNeedsApproval?: readonly PostStatus[];
  to(request: WorkflowRequest): PostStatus | null;
}

const EDITABLE: readonly PostStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'FAILED', 'PUBLISHED'];

const RULES: Readonly<Record<WorkflowAction, Rule>> = {
  edit: { from: EDITABLE, roles: WRITERS, to: editedStatus },
  submitForReview: { from: ['DRAFT', 'FAILED'], roles: WRITERS, to: () => 'IN_REVIEW' },
  approve: { from: ['IN_REVIEW'], roles: MANAGERS, to: () => 'APPROVED' },
  // Also withdraws an approval that was given too soon.
  requestChanges: { from: ['IN_REVIEW', 'APPROVED'], roles: MANAGERS, to: () => 'DRAFT' },
  schedule: {
    from: ['DRAFT', 'APPROVED', 'SCHEDULED', 'FAILED'],
    roles: WRITERS,
    editorNeedsApproval: ['APPROVED', 'SCHEDULED'],
    to: () => 'SCHEDULED',
  },
  // Under approval the content was approved to be scheduled, so it stays approved.
  unschedule: { from: ['SCHEDULED'], roles: WRITERS, to: ({ actor }) => (actor !== 'WORKER' && actor.requiresApproval ? 'APPROVED' : 'DRAFT') },
  publishNow: {
    from: ['DRAFT', 'APPROVED', 'SCHEDULED', 'FAILED'],
    roles: WRITERS,
    editorNeedsApproval: ['APPROVED', 'SCHEDULED'],
    to: () => 'PUBLISHING',
  },
  archive: { from: ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'FAILED'], roles: WRITERS, to: () => 'ARCHIVED' },
  unarchive: { from: ['ARCHIVED'], roles: WRITERS, to: ({ wasPublished }) => (wasPublished ? 'PUBLISHED' : 'DRAFT') },
  // Never mid-send: LinkedIn may have it a moment later.
  delete: { from: ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'FAILED', 'ARCHIVED'], roles: WRITERS, to: () => null },
  // While retries are pending the post stays PUBLISHING; only the final outcome moves it.
  publishStarted: { from: ['SCHEDULED', 'PUBLISHING'], to: () => 'PUBLISHING' },
  publishRetried: { from: ['PUBLISHING'], to: () => 'PUBLISHING' },
  publishSucceeded: { from: ['PUBLISHING'], to: () => 'PUBLISHED' },
  publishFailed: { from: ['PUBLISHING'], to: () => 'FAILED' },
};

function editedStatus({ status, actor, contentChanged }: WorkflowRequest): PostStatus {
  if (!contentChanged || actor === 'WORKER') return status;
  if (status === 'IN_REVIEW' || status === 'APPROVED') return 'DRAFT';
  if (status === 'SCHEDULED' && actor.requiresApproval && actor.role === 'EDITOR') return 'DRAFT';
  return status;
}

const DESCRIPTIONS: Readonly<Record<PostStatus, string>> = {
  DRAFT: 'a draft',
  IN_REVIEW: 'in review',
  APPROVED: 'approved',
  SCHEDULED: 'scheduled',
  PUBLISHING: 'being published',
  PUBLISHED: 'published',
  FAILED: 'failed to publish',
  ARCHIVED: 'archived',
};

const ASKED: Readonly<Record<WorkflowAction, string>> = {
  edit: 'be edited',
  submitForReview: 'be submitted for review',
  approve: 'be approved',
  requestChanges: 'be sent back for changes',
  schedule: 'be scheduled',
  unschedule: 'have its schedule cancelled',
  publishNow: 'be published',
  archive: 'be archived',
  unarchive: 'be unarchived',
  delete: 'be deleted',
  publishStarted: 'start publishing',
  publishRetried: 'be retried',
  publishSucceeded: 'become published',
  publishFailed: 'become failed',
};

const refuse = (code: 'FORBIDDEN' | 'CONFLICT', message: string): Decision => ({ allowed: false, code, message });

export function decide(request: WorkflowRequest): Decision {
  const { status, action, actor } = request;
  const rule = RULES[action];
  if (actor === 'WORKER') {
    if (rule.roles) return refuse('FORBIDDEN', 'Only a member of the workspace can do this.');
  } else {
    if (!rule.roles) return refuse('FORBIDDEN', 'Only the publishing worker records publishing outcomes.');
    if (!rule.roles.includes(actor.role)) return refuse('FORBIDDEN', `${actor.role}s cannot ask for a post to ${ASKED[action]}.`);
  }
  if (!rule.from.includes(status)) {
    const can = rule.from.map((from) => DESCRIPTIONS[from]).join(', ');
    return refuse('CONFLICT', `The post is ${DESCRIPTIONS[status]} and cannot ${ASKED[action]}; only a post that is ${can} can.`);
  }
  if (actor !== 'WORKER' && actor.requiresApproval && actor.role === 'EDITOR' && rule.editorNeedsApproval && !rule.editorNeedsApproval.includes(status)) {
    return refuse('FORBIDDEN', `This workspace requires approval: submit the post for review; once approved it can ${ASKED[action]}.`);
  }
  return { allowed: true, to: rule.to(request) };
}

/** The status the request leaves the post in; throws FORBIDDEN or CONFLICT (as decided) when it is refused. */
export function assertAllowed(request: WorkflowRequest): PostStatus | null {
  const decision = decide(request);
  if (decision.allowed) return decision.to;
  throw decision.code === 'FORBIDDEN' ? forbidden(decision.message) : conflict(decision.message);
}

/** A conditional write of the publishing worker: the status its UPDATE requires the row to be in, and the status it writes. */
export interface WorkerTransition {
  where: { status: PostStatus };
  status: PostStatus;
}

/**
 * The worker's `action` on a post it expects to find in `from`. The worker writes it as one
 * conditional UPDATE on `where`: a post that moved meanwhile (cancelled, rescheduled, claimed by
 * another worker) matches nothing, so each attempt is recorded once. Throws when the rules refuse it,
 * which is a bug in the worker, not something a user did.
 */
export function workerTransition(action: WorkerAction, from: PostStatus): WorkerTransition {
  const to = assertAllowed({ status: from, action, actor: 'WORKER' });
  if (to === null) throw new Error(`${action} left no post`);
  return { where: { status: from }, status: to };
}
