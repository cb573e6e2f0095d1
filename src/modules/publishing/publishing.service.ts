import type { Post, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { JobQueue } from '../../infra/queue/job-queue.js';
import { badField, conflict, isAppError, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { AuditAction } from '../audit/audit-actions.rules.js';
import { changedFields } from '../audit/audit-changes.rules.js';
import type { PostQuery } from '../posts/post.service.js';
import { memberOnPost } from '../posts/post-membership.service.js';
import { assertAllowed, type Member, type PostStatus } from '../posts/post-workflow.rules.js';
import { slotClash, slotTaken } from '../scheduling/posting-schedules.service.js';
import type { LinkedInAccountService } from './linkedin-accounts.service.js';
import { toLittleText, validateCommentary } from './little-text.js';
import { lockAsSeen } from './post-lock.js';
import { attemptJobId, PUBLISH_JOB_OPTIONS, type PublishJob, scheduledJobId } from './publish-job.js';
import { checkTime, createQueueing, type DeferredTransition, type Transition } from './queueing.service.js';

export interface PublishingServiceDeps {
  prisma: PrismaClient;
  accounts: LinkedInAccountService;
  queue: JobQueue<PublishJob>;
  onStatusChange: (post: Post) => Promise<void> | void;
}

/** Who asks, and what they last read of the post, when they say. */
export interface Precondition {
  /** The signed-in member asking (the workflow rules decide with their role on the post), and their request, for the audit log. */
  actor: MemberActor;
  /** CONFLICT, and nothing changes, when the post is no longer at this version. */
  expectedVersion?: number | null;
  /** The actor's membership on the post as this request already read it (for authorisation); read here when absent. */
  member?: Member;
}

export interface PublishTarget extends Precondition {
  /** The workspace's connected account to publish with; default: its most recently connected one. */
  accountId?: string;
}

const PREPARED = {
  id: true,
  authorId: true,
  workspaceId: true,
  status: true,
  content: true,
  hashtags: true,
  scheduledAt: true,
  linkedInUrn: true,
  publishedAt: true,
  publishAttemptCount: true,
  version: true,
  linkedInAccountId: true,
} satisfies Prisma.PostSelect;

export type PreparedPost = Prisma.PostGetPayload<{ select: typeof PREPARED }>;

/** A status change with no publishing run attached. */
type WorkflowChange = 'archive' | 'unarchive' | 'unschedule' | ReviewStep['action'];

export type ReviewStep = { action: 'submitForReview' | 'approve' } | { action: 'requestChanges'; comment: string };

/**
 * Publishing now, scheduling, rescheduling and cancelling, archiving and unarchiving. Every check a user can fix (account,
 * length, time) runs here, before anything is queued, so a refused request sends nothing.
 */
export function createPublishingService({ prisma, accounts, queue, onStatusChange }: PublishingServiceDeps) {
  async function read(id: string, { expectedVersion }: Precondition) {
    const post = await prisma.post.findUnique({ where: { id }, select: PREPARED });
    if (!post) throw notFound('Post');
    if (expectedVersion != null && expectedVersion !== post.version) {
      throw conflict(`The post is at version ${post.version}, not ${expectedVersion}: it changed since you read it.`);
    }
    return post;
  }

  /** Reads the post and decides `action` on it for the asking member: the status it moves to. */
  async function decide(id: string, action: WorkflowChange, precondition: Precondition) {
    const post = await read(id, precondition);
    const member = precondition.member ?? (await memberOnPost(prisma, post, precondition.actor.userId));
    const to = assertAllowed({ status: post.status, action, actor: member, wasPublished: post.publishedAt !== null });
    // Only `delete` ends a post, and deleting is the post service's.
    if (to === null) throw new Error(`${action} left no post`);
    return { post, to };
  }

  /** `keepAccount`: without an `accountId`, the post stays with the account it is scheduled with. */
  async function prepare(id: string, action: 'schedule' | 'publishNow', target: PublishTarget, allowedFrom?: PostStatus[], keepAccount = false) {
    const post = await read(id, target);
    if (post.linkedInUrn) throw conflict(`The post is already on LinkedIn (${post.linkedInUrn}).`);
    if (allowedFrom && !allowedFrom.includes(post.status)) throw conflict(`The post is ${post.status}, not ${allowedFrom.join(' or ')}.`);
    assertAllowed({ status: post.status, action, actor: target.member ?? (await memberOnPost(prisma, post, target.actor.userId)) });
    const accountId = target.accountId ?? (keepAccount ? (post.linkedInAccountId ?? undefined) : undefined);
    const account = await accounts.choose(post.workspaceId, accountId, 'accountId');
    let commentary: string;
    try {
      commentary = toLittleText(post.content, { hashtags: post.hashtags });
    } catch (error) {
      if (isAppError(error)) throw badField('id', error.message);
      throw error;
    }
    const problem = validateCommentary(commentary);
    if (problem) throw badField('id', problem.message);
    return { post, account };
  }

  /**
   * Applies a transition as a compare-and-set on the version it was decided on: the row stays locked
   * while it is written and its jobs change, so a concurrent transition either saw none of it (and
   * gets CONFLICT, having changed nothing) or all of it, and the queue holds what the last one implies.
   * Answers the post as this transition left it; its audit entry is written in the same transaction.
   */
  async function commit(seen: PreparedPost, decided: Transition | DeferredTransition, actor: MemberActor, query: PostQuery) {
    const { id } = seen;
    const { updated, answer } = await prisma.$transaction(async (tx) => {
      const transition = typeof decided === 'function' ? await decided(tx) : decided;
      await lockAsSeen(tx, seen);
      const accountId = transition.data.linkedInAccountId;
      if (typeof accountId === 'string') {
        // Held until commit: an account disconnected meanwhile is a fixable mistake, not a foreign-key failure.
        const account = await tx.$queryRaw<unknown[]>`SELECT 1 FROM linkedin_accounts WHERE id = ${accountId}::uuid FOR KEY SHARE`;
        if (!account.length) throw badField('accountId', 'The LinkedIn account was just disconnected; connect one and try again.');
      }
      const updated = await tx.post.update({ where: { id }, data: { ...transition.data, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        workspaceId: seen.workspaceId,
        action: transition.action,
        target: { type: 'POST', id },
        changes: changedFields(
          { status: seen.status, scheduledAt: seen.scheduledAt },
          { status: updated.status, scheduledAt: updated.scheduledAt, reviewComment: transition.data.reviewComment as string | null | undefined },
        ),
      });
      await transition.jobs();
      return { updated, answer: await tx.post.findUniqueOrThrow({ ...query, where: { id } }) };
    });
    await onStatusChange(updated);
    return answer;
  }

  async function removeScheduledJob(id: string, scheduledAt: Date | null) {
    if (scheduledAt) await queue.remove(scheduledJobId(id, scheduledAt));
  }

  /** What a publishing run with `account` writes: now (PUBLISHING) or at `scheduledAt` (SCHEDULED). */
  const runData = (post: PreparedPost, account: { id: string }, scheduledAt: Date | null) => ({
    status: scheduledAt ? ('SCHEDULED' as const) : ('PUBLISHING' as const),
    scheduledAt,
    linkedInAccountId: account.id,
    publishError: null,
    publishRunStart: post.publishAttemptCount,
  });

  /** Starts a publishing run with `account`: now (PUBLISHING) or at `scheduledAt` (SCHEDULED). */
  function startRun(
    post: PreparedPost,
    account: { id: string },
    scheduledAt: Date | null,
    run: Pick<Transition, 'action' | 'jobs'>,
    actor: MemberActor,
    query: PostQuery,
  ) {
    return commit(post, { ...run, data: runData(post, account, scheduledAt) }, actor, query);
  }

  /** The delayed job that publishes the post at `at`, replacing the one for its previous time; it carries the request that queued it, for the audit log. */
  const scheduledJobs = (post: Pick<PreparedPost, 'id' | 'publishAttemptCount' | 'scheduledAt'>, at: Date, requestId: string | null) => async () => {
    await queue.add(
      { postId: post.id, attempt: post.publishAttemptCount + 1, scheduledAt: at.toISOString(), ...(requestId ? { requestId } : {}) },
      { ...PUBLISH_JOB_OPTIONS, jobId: scheduledJobId(post.id, at), delayMs: Math.max(0, at.getTime() - Date.now()) },
    );
    if (post.scheduledAt?.getTime() !== at.getTime()) await removeScheduledJob(post.id, post.scheduledAt);
  };

  async function schedule(id: string, at: Date, target: PublishTarget, allowedFrom: PostStatus[] | undefined, now: Date, query: PostQuery) {
    checkTime(at, now, 'at');
    const { post, account } = await prepare(id, 'schedule', target, allowedFrom);
    const action = allowedFrom ? 'POST_RESCHEDULED' : 'POST_SCHEDULED';
    const decided: DeferredTransition = async (tx) => {
      const clash = await slotClash(tx, post.workspaceId, account.id, [{ postId: id, at }]);
      if (clash) throw slotTaken(clash);
      return { action, data: runData(post, account, at), jobs: scheduledJobs(post, at, target.actor.requestId) };
    };
    return commit(post, decided, target.actor, query);
  }

  const queueing = createQueueing({ prisma, onStatusChange, prepare, commit, runData, scheduledJobs });

  return {
    ...queueing,

    /** Sends the post to LinkedIn now (in the background); it is PUBLISHING when this returns. */
    async publishNow(id: string, target: PublishTarget, query: PostQuery = {}) {
      const { post, account } = await prepare(id, 'publishNow', target);
      const attempt = post.publishAttemptCount + 1;
      // The job may start at once; its claim waits for this transaction to commit.
      const jobs = async () => {
        await queue.add({ postId: id, attempt, ...requestIdOf(target) }, { ...PUBLISH_JOB_OPTIONS, jobId: attemptJobId(id, attempt) });
        await removeScheduledJob(id, post.scheduledAt);
      };
      return startRun(post, account, null, { action: 'POST_PUBLISH_REQUESTED', jobs }, target.actor, query);
    },

    /** DRAFT, FAILED (or already SCHEDULED) → SCHEDULED at `at`, published then by a delayed job. */
    schedule: (id: string, at: Date, target: PublishTarget, query: PostQuery = {}, now = new Date()) => schedule(id, at, target, undefined, now, query),

    /** Moves a SCHEDULED post to another time; its old job no longer fires. */
    reschedule: (id: string, at: Date, target: PublishTarget, query: PostQuery = {}, now = new Date()) => schedule(id, at, target, ['SCHEDULED'], now, query),

    /** → ARCHIVED: out of every listing by default, analytics kept. */
    async archive(id: string, precondition: Precondition, query: PostQuery = {}) {
      const { post, to } = await decide(id, 'archive', precondition);
      return commit(post, { action: 'POST_ARCHIVED', data: { status: to }, jobs: async () => {} }, precondition.actor, query);
    },

    /** ARCHIVED → PUBLISHED when it was published, DRAFT otherwise. */
    async unarchive(id: string, precondition: Precondition, query: PostQuery = {}) {
      const { post, to } = await decide(id, 'unarchive', precondition);
      return commit(post, { action: 'POST_UNARCHIVED', data: { status: to }, jobs: async () => {} }, precondition.actor, query);
    },

    /** SCHEDULED → DRAFT (APPROVED where approval is required); nothing is sent. */
    async cancelSchedule(id: string, precondition: Precondition, query: PostQuery = {}) {
      const { post, to } = await decide(id, 'unschedule', precondition);
      const transition = {
        action: 'POST_SCHEDULE_CANCELLED',
        data: { status: to, scheduledAt: null },
        jobs: () => removeScheduledJob(id, post.scheduledAt),
      } as const;
      return commit(post, transition, precondition.actor, query);
    },

    /**
     * Review: submitting for it (→ IN_REVIEW), approving (→ APPROVED) or requesting changes (→ DRAFT,
     * with the reviewer's comment, which stays until the next review step).
     */
    async review(id: string, step: ReviewStep, precondition: Precondition, query: PostQuery = {}) {
      const { post, to } = await decide(id, step.action, precondition);
      const reviewComment = step.action === 'requestChanges' ? step.comment : null;
      return commit(post, { action: REVIEW_ACTIONS[step.action], data: { status: to, reviewComment }, jobs: async () => {} }, precondition.actor, query);
    },
  };
}

const REVIEW_ACTIONS: Record<ReviewStep['action'], AuditAction> = {
  submitForReview: 'POST_SUBMITTED_FOR_REVIEW',
  approve: 'POST_APPROVED',
  requestChanges: 'POST_CHANGES_REQUESTED',
};

/** The request a job was queued by, carried so the worker's audit entries name it too. */
const requestIdOf = ({ actor }: Precondition) => (actor.requestId ? { requestId: actor.requestId } : {});
