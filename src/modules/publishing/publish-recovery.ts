import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { JobQueue } from '../../infra/queue/job-queue.js';
import { attemptJobId, PUBLISH_JOB_OPTIONS, type PublishJob, resumeJobId, scheduledJobId } from './publish-job.js';

export interface PublishRecoveryDeps {
  prisma: PrismaClient;
  queue: JobQueue<PublishJob>;
  logger: Logger;
  /** A PUBLISHING post untouched for this long has lost its worker (longer than any one LinkedIn call). */
  staleAfterMs: number;
}

export interface RecoveryReport {
  /** SCHEDULED posts whose delayed job was missing and was added again. */
  scheduled: number;
  resumed: number;
  requeued: number;
}

const BATCH = 500;

/**
 * Puts back publishing work that a stopped process lost: the delayed job of a SCHEDULED post (the
 * in-process queue keeps jobs in memory, and a Redis restarted without persistence, or flushed,
 * loses them too), an attempt
 * a worker claimed but never recorded, and a retry or first attempt whose job is gone.
 *
 * Safe to run anywhere, any time, on every instance at once: each job it adds carries the id the lost
 * job had, so a job still queued makes the add a no-op (and is not counted), and every job claims its
 * post with a conditional UPDATE, so nothing is sent twice.
 */
export function createPublishRecovery({ prisma, queue, logger, staleAfterMs }: PublishRecoveryDeps) {
  async function requeueScheduled(now: Date, stopped: () => boolean): Promise<number> {
    let count = 0;
    for (let cursor: string | undefined; !stopped(); ) {
      const posts = await prisma.post.findMany({
        where: { status: 'SCHEDULED', linkedInUrn: null, scheduledAt: { not: null } },
        select: { id: true, scheduledAt: true, publishAttemptCount: true },
        orderBy: { id: 'asc' },
        take: BATCH,
        ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      });
      // One batch in parallel: the queue pipelines the look-ups and adds (thousands of scheduled posts).
      const added = await Promise.all(
        posts.map(async (post) => {
          const at = post.scheduledAt!;
          const jobId = scheduledJobId(post.id, at);
          // An add with the id of a job still delayed is a no-op: only a missing job is counted as put back.
          if (await queue.isLive(jobId)) return false;
          await queue.add(
            { postId: post.id, attempt: post.publishAttemptCount + 1, scheduledAt: at.toISOString() },
            { ...PUBLISH_JOB_OPTIONS, jobId, delayMs: Math.max(0, at.getTime() - now.getTime()) },
          );
          return true;
        }),
      );
      count += added.filter(Boolean).length;
      if (posts.length < BATCH) return count;
      cursor = posts.at(-1)!.id;
    }
    return count;
  }

  async function recoverStalled(now: Date): Promise<{ resumed: number; requeued: number }> {
    const stalled = await prisma.post.findMany({
      where: { status: 'PUBLISHING', linkedInUrn: null, updatedAt: { lt: new Date(now.getTime() - staleAfterMs) } },
      select: {
        id: true,
        publishAttemptCount: true,
        publishRunStart: true,
        publishAttempts: { orderBy: { number: 'desc' }, take: 1, select: { number: true, outcome: true, retryDelayMs: true, createdAt: true } },
      },
    });
    let resumed = 0;
    let requeued = 0;
    for (const post of stalled) {
      const last = post.publishAttempts[0];
      const claimedButUnrecorded = post.publishAttemptCount > post.publishRunStart && (last?.number ?? 0) < post.publishAttemptCount;
      if (claimedButUnrecorded) {
        await queue.add(
          { postId: post.id, attempt: post.publishAttemptCount, resume: true },
          { ...PUBLISH_JOB_OPTIONS, jobId: resumeJobId(post.id, post.publishAttemptCount) },
        );
        resumed++;
        continue;
      }
      const next = post.publishAttemptCount + 1;
      const retryAt = last?.outcome === 'RETRY' ? last.createdAt.getTime() + (last.retryDelayMs ?? 0) : now.getTime();
      await queue.add(
        { postId: post.id, attempt: next },
        { ...PUBLISH_JOB_OPTIONS, jobId: attemptJobId(post.id, next), delayMs: Math.max(0, retryAt - now.getTime()) },
      );
      requeued++;
    }
    return { resumed, requeued };
  }

  return {
    /**
     * Looks for lost work once: with `scheduled` (the default), every SCHEDULED post whose delayed job
     * the queue no longer holds gets it back, due at the post's time; counts are of jobs actually added.
     * `stopped` is asked between batches, so a shutdown does not wait for thousands of adds.
     */
    async recover({
      scheduled = true,
      now = new Date(),
      stopped = () => false,
    }: {
      scheduled?: boolean;
      now?: Date;
      stopped?: () => boolean;
    } = {}): Promise<RecoveryReport> {
      const report = { scheduled: scheduled ? await requeueScheduled(now, stopped) : 0, ...(await recoverStalled(now)) };
      if (report.scheduled || report.resumed || report.requeued) logger.warn(report, 'recovered publishing work a stopped worker or a lost queue left behind');
      return report;
    },
  };
}
