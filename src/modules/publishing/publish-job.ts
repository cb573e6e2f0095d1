import type { LinkedInAccount, Post, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import type { JobOptions, JobQueue } from '../../infra/queue/job-queue.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SystemActor } from '../audit/audit.types.js';
import { ATTACHMENT_WITH_MEDIA, type AttachmentRow, decodeAttachment } from '../posts/attachment.rules.js';
import { type WorkerAction, workerTransition } from '../posts/post-workflow.rules.js';
import type { LinkedInAccountService } from './linkedin-accounts.service.js';
import { unusable } from './linkedin-accounts.service.js';
import type { LinkedInClient } from './linkedin-client.js';
import { type PublishAttemptRecord, publishAttempt } from './publish-attempt.js';
import { type ContentDeps, prepareContent } from './publish-content.js';
import type { RetryPolicy } from './retry-policy.js';
import { TokenDecryptionError } from './token-crypto.js';

export const PUBLISH_QUEUE = 'publishing';

/** One attempt to run: attempt `attempt` (over the post's life) of post `postId`. */
export interface PublishJob {
  postId: string;
  attempt: number;
  /** Set on the job that starts a scheduled run: it only fires for the schedule it was made for. */
  scheduledAt?: string;
  /** Attempt `attempt` was claimed by a worker that stopped before recording it: record that, then try again. */
  resume?: true;
  /** The X-Request-Id of the request that queued the run, for the worker's audit entries; retries carry it on. */
  requestId?: string;
}

/** BullMQ ids may hold ':' only as exactly three parts. */
export const scheduledJobId = (postId: string, at: Date) => `publish:${postId}:${at.getTime()}`;
export const attemptJobId = (postId: string, attempt: number) => `publish:${postId}:attempt-${attempt}`;
export const resumeJobId = (postId: string, attempt: number) => `publish:${postId}:resume-${attempt}`;

const INTERRUPTED =
  'The worker stopped before LinkedIn answered or before the answer was recorded; trying again ' +
  '(if the first try reached LinkedIn, its duplicate answer marks the post published).';

/** Failures of the job itself (the database, the queue), not LinkedIn's answers, which are recorded instead. */
export const PUBLISH_JOB_OPTIONS: JobOptions = { attempts: 3, backoffMs: 1000 };

export interface PublishJobDeps {
  prisma: PrismaClient;
  accounts: LinkedInAccountService;
  client: LinkedInClient;
  /** Uploads of what posts carry (article thumbnails, media) before the post is created. */
  content: ContentDeps;
  queue: JobQueue<PublishJob>;
  retryPolicy: RetryPolicy;
  logger: Logger;
  metrics?: Pick<Metrics, 'publishAttempts'>;
  onStatusChange: (post: Post) => Promise<void> | void;
  /** A claimed attempt with no record after this long belongs to a worker that stopped. */
  staleAfterMs: number;
}

type ClaimedPost = Post & { linkedInAccount: LinkedInAccount | null; attachment: AttachmentRow | null };

const CLAIMED_INCLUDE = { linkedInAccount: true, attachment: ATTACHMENT_WITH_MEDIA } as const;

/**
 * Runs one publishing attempt, exactly once however many workers see the job: a worker must first
 * move the post's attempt counter from n-1 to n in one conditional UPDATE (PostgreSQL serialises
 * concurrent ones on the row), and a post with a LinkedIn URN is never claimed again.
 */
export function createPublishJobHandler(deps: PublishJobDeps) {
  const { prisma, logger } = deps;

  /**
   * The transition that queued the job may still be committing (it adds jobs before it commits), so
   * the row is locked by id first: a conditional UPDATE alone would test the row as it was before
   * that transaction and skip it.
   */
  async function claim(job: PublishJob): Promise<ClaimedPost | null> {
    const step = workerTransition('publishStarted', job.scheduledAt ? 'SCHEDULED' : 'PUBLISHING');
    return prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ workspaceId: string }[]>`
        SELECT workspace_id AS "workspaceId" FROM posts WHERE id = ${job.postId}::uuid FOR NO KEY UPDATE`;
      const { count } = await tx.post.updateMany({
        where: {
          id: job.postId,
          linkedInUrn: null,
          publishAttemptCount: job.attempt - 1,
          ...step.where,
          ...(job.scheduledAt ? { scheduledAt: new Date(job.scheduledAt) } : {}),
        },
        data: { status: step.status, publishAttemptCount: job.attempt, version: { increment: 1 } },
      });
      if (count === 0 || !locked) return null;
      // A scheduled run's claim is its status change; a run started now was PUBLISHING already.
      if (job.scheduledAt) {
        await recordAudit(tx, workerActor(job), {
          workspaceId: locked.workspaceId,
          action: 'POST_PUBLISHING',
          target: { type: 'POST', id: job.postId },
          changes: [{ field: 'status', before: 'SCHEDULED', after: 'PUBLISHING' }],
        });
      }
      return tx.post.findUniqueOrThrow({ where: { id: job.postId }, include: CLAIMED_INCLUDE });
    });
  }

  /** Takes over attempt `job.attempt` from a worker that stopped mid-attempt: records it as interrupted, claims the next. */
  async function claimInterrupted(job: PublishJob): Promise<ClaimedPost | null> {
    const step = workerTransition('publishStarted', 'PUBLISHING');
    const { count } = await prisma.post.updateMany({
      where: {
        id: job.postId,
        ...step.where,
        linkedInUrn: null,
        publishAttemptCount: job.attempt,
        updatedAt: { lt: new Date(Date.now() - deps.staleAfterMs) },
        publishAttempts: { none: { number: job.attempt } },
      },
      data: { status: step.status, publishAttemptCount: job.attempt + 1, version: { increment: 1 } },
    });
    if (count === 0) return null;
    const post = await prisma.post.findUniqueOrThrow({ where: { id: job.postId }, include: CLAIMED_INCLUDE });
    await prisma.publishAttempt.create({
      data: {
        postId: post.id,
        number: job.attempt,
        idempotencyKey: `${runKey(post)}:${job.attempt - post.publishRunStart}`,
        outcome: 'RETRY',
        errorCategory: 'interrupted',
        retryable: true,
        durationMs: 0,
        error: INTERRUPTED,
      },
    });
    return post;
  }

  async function attempt(post: ClaimedPost, runAttempt: number): Promise<PublishAttemptRecord> {
    const account = post.linkedInAccount;
    const notSent = (message: string) => refusedRecord(post, runAttempt, message, deps.metrics);
    if (!account) return notSent('The LinkedIn account for this post was disconnected; connect one and publish again.');
    const problem = unusable(account);
    if (problem) {
      if (account.status === 'CONNECTED') await deps.accounts.setStatus(account.id, 'EXPIRED');
      return notSent(problem);
    }
    let accessToken: string;
    try {
      accessToken = deps.accounts.accessToken(account);
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      await deps.accounts.setStatus(account.id, 'NEEDS_RECONNECT');
      return notSent('The stored LinkedIn token cannot be read (the encryption key changed); reconnect the account.');
    }
    return publishAttempt({
      client: deps.client,
      accessToken,
      post: { author: account.urn, content: post.content, hashtags: post.hashtags, visibility: post.visibility },
      attemptNumber: runAttempt,
      idempotencyKey: runKey(post),
      retryPolicy: deps.retryPolicy,
      metrics: deps.metrics,
      prepareContent: (onStep) =>
        prepareContent(deps.content, {
          attachment: post.attachment ? decodeAttachment(post.attachment) : null,
          accessToken,
          owner: account.urn,
          onStep,
        }),
    });
  }

  async function record(post: ClaimedPost, number: number, result: PublishAttemptRecord, job: PublishJob): Promise<Post> {
    const outcome = result.outcome;
    const step = workerTransition(OUTCOME_ACTIONS[outcome], 'PUBLISHING');
    const change =
      outcome === 'published'
        ? { publishedAt: new Date(), linkedInUrn: result.urn, linkedInPermalink: result.permalink, publishError: null }
        : outcome === 'retry'
          ? { publishError: `${result.errorMessage ?? 'LinkedIn failed'} Retrying in ${Math.ceil((result.retryDelayMs ?? 0) / 1000)} s.` }
          : { publishError: result.errorMessage ?? 'Publishing failed.' };
    return prisma.$transaction(async (tx) => {
      await tx.publishAttempt.create({
        data: {
          postId: post.id,
          number,
          idempotencyKey: result.requestId,
          outcome: outcome === 'published' ? 'PUBLISHED' : outcome === 'retry' ? 'RETRY' : 'FAILED',
          httpStatus: result.httpStatus,
          errorCategory: result.errorCategory,
          retryable: result.retryable,
          retryDelayMs: result.retryDelayMs ?? null,
          durationMs: result.durationMs,
          requestId: result.linkedInRequestId ?? null,
          error: result.errorMessage ?? null,
          urn: result.urn ?? null,
          uploadSteps: (result.uploadSteps ?? []) as unknown as Prisma.InputJsonValue,
        },
      });
      const updated = await tx.post.update({
        where: { id: post.id, ...step.where, publishAttemptCount: number },
        data: { ...change, status: step.status, version: { increment: 1 } },
      });
      if (outcome !== 'retry') {
        await recordAudit(tx, workerActor(job), {
          workspaceId: post.workspaceId,
          action: outcome === 'published' ? 'POST_PUBLISHED' : 'POST_PUBLISH_FAILED',
          target: { type: 'POST', id: post.id },
          changes: [
            { field: 'status', before: 'PUBLISHING', after: updated.status },
            ...(updated.linkedInUrn ? [{ field: 'linkedInUrn', before: null, after: updated.linkedInUrn }] : []),
          ],
        });
      }
      return updated;
    });
  }

  return async function runPublishJob(job: PublishJob): Promise<void> {
    const claimed = job.resume ? null : await claim(job);
    // A replayed job (its worker died after claiming) finds its own attempt claimed and unrecorded.
    const resumed = claimed ? null : await claimInterrupted(job);
    const post = claimed ?? resumed;
    const number = resumed ? job.attempt + 1 : job.attempt;
    const log = logger.child({ postId: job.postId, attempt: number });
    if (!post) {
      log.debug('publish job is stale (post published, cancelled, rescheduled or claimed elsewhere); skipped');
      return;
    }
    if (job.scheduledAt && claimed) await deps.onStatusChange(post);
    const result = await attempt(post, number - post.publishRunStart);
    const updated = await record(post, number, result, job);
    log.info({ outcome: result.outcome, httpStatus: result.httpStatus, category: result.errorCategory, resumed: Boolean(resumed) }, 'publish attempt finished');
    if (result.httpStatus === 401 && post.linkedInAccountId) await deps.accounts.tokenRefused(post.linkedInAccountId);
    if (result.outcome === 'retry') {
      const next = number + 1;
      await deps.queue.add(
        { postId: post.id, attempt: next, ...(job.requestId ? { requestId: job.requestId } : {}) },
        { ...PUBLISH_JOB_OPTIONS, jobId: attemptJobId(post.id, next), delayMs: result.retryDelayMs },
      );
      return;
    }
    await deps.onStatusChange(updated);
  };
}

/** The workflow action that records each outcome of an attempt. */
const OUTCOME_ACTIONS: Record<PublishAttemptRecord['outcome'], WorkerAction> = {
  published: 'publishSucceeded',
  retry: 'publishRetried',
  failed: 'publishFailed',
};
/** The worker, acting for the request that queued the run when the job names it. */
const workerActor = (job: PublishJob): SystemActor => ({ system: 'PUBLISHING_WORKER', requestId: job.requestId ?? null });

/** Same for every attempt of one publishing run; publishAttempt appends the attempt number per call. */
const runKey = (post: Pick<Post, 'id' | 'publishRunStart'>) => `${post.id}:${post.publishRunStart}`;

/** An attempt that stopped before LinkedIn was called. */
function refusedRecord(post: ClaimedPost, runAttempt: number, message: string, metrics?: Pick<Metrics, 'publishAttempts'>): PublishAttemptRecord {
  metrics?.publishAttempts.inc({ outcome: 'failed' });
  return {
    number: runAttempt,
    idempotencyKey: runKey(post),
    requestId: `${runKey(post)}:${runAttempt}`,
    startedAt: new Date(),
    durationMs: 0,
    httpStatus: null,
    outcome: 'failed',
    errorCategory: 'unauthorized',
    retryable: false,
    errorMessage: message,
  };
}
