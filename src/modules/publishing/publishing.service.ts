import type { Post, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { JobQueue } from '../../infra/queue/job-queue.js';
import { badField, conflict, isAppError, notFound } from '../../shared/errors.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../posts/post.rules.js';
import type { PostQuery } from '../posts/post.service.js';
import type { LinkedInAccountService } from './linkedin-accounts.service.js';
import { toLittleText, validateCommentary } from './little-text.js';
import { attemptJobId, PUBLISH_JOB_OPTIONS, type PublishJob, scheduledJobId } from './publish-job.js';
import { assertTransition, type PostStatus } from './state-machine.js';

export interface PublishingServiceDeps {
  prisma: PrismaClient;
  accounts: LinkedInAccountService;
  queue: JobQueue<PublishJob>;
  onStatusChange: (post: Post) => Promise<void> | void;
}

export interface PublishTarget {
  /** The connected account to publish with; default: the author's most recently connected one. */
  accountId?: string;
}

const PREPARED = {
  authorId: true,
  status: true,
  content: true,
  hashtags: true,
  scheduledAt: true,
  linkedInUrn: true,
  publishAttemptCount: true,
} satisfies Prisma.PostSelect;

/**
 * Publishing now, scheduling, rescheduling and cancelling. Every check a user can fix (account,
 * length, time) runs here, before anything is queued, so a refused request sends nothing.
 */
export function createPublishingService({ prisma, accounts, queue, onStatusChange }: PublishingServiceDeps) {
  async function prepare(id: string, to: PostStatus, target: PublishTarget, allowedFrom?: PostStatus[]) {
    const post = await prisma.post.findUnique({ where: { id }, select: PREPARED });
    if (!post) throw notFound('Post');
    if (post.linkedInUrn) throw conflict(`The post is already on LinkedIn (${post.linkedInUrn}).`);
    if (allowedFrom && !allowedFrom.includes(post.status)) throw conflict(`The post is ${post.status}, not ${allowedFrom.join(' or ')}.`);
    if (!(post.status === 'SCHEDULED' && to === 'SCHEDULED')) assertTransition(post.status, to);
    const account = await accounts.choose(post.authorId, target.accountId, 'accountId');
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

  /** Moves the post only if nobody changed it since `prepare` read it. */
  async function commit(id: string, seen: { status: PostStatus; publishAttemptCount: number }, data: Prisma.PostUncheckedUpdateManyInput) {
    const { count } = await prisma.post.updateMany({
      where: { id, status: seen.status, publishAttemptCount: seen.publishAttemptCount },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('The post changed at the same time; try again.');
    const updated = await prisma.post.findUniqueOrThrow({ where: { id } });
    await onStatusChange(updated);
  }

  async function removeScheduledJob(id: string, scheduledAt: Date | null) {
    if (scheduledAt) await queue.remove(scheduledJobId(id, scheduledAt));
  }

  async function schedule(id: string, at: Date, target: PublishTarget, allowedFrom: PostStatus[] | undefined, now: Date) {
    if (at.getTime() <= now.getTime()) throw badField('at', 'must be in the future');
    if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw badField('at', 'must be at most a year ahead');
    const { post, account } = await prepare(id, 'SCHEDULED', target, allowedFrom);
    await commit(id, post, {
      status: 'SCHEDULED',
      scheduledAt: at,
      linkedInAccountId: account.id,
      publishError: null,
      publishRunStart: post.publishAttemptCount,
    });
    if (post.scheduledAt?.getTime() !== at.getTime()) await removeScheduledJob(id, post.scheduledAt);
    await queue.add(
      { postId: id, attempt: post.publishAttemptCount + 1, scheduledAt: at.toISOString() },
      { ...PUBLISH_JOB_OPTIONS, jobId: scheduledJobId(id, at), delayMs: at.getTime() - now.getTime() },
    );
  }

  const load = (id: string, query: PostQuery) => prisma.post.findUniqueOrThrow({ ...query, where: { id } });

  return {
    /** Sends the post to LinkedIn now (in the background); it is PUBLISHING when this returns. */
    async publishNow(id: string, target: PublishTarget = {}, query: PostQuery = {}) {
      const { post, account } = await prepare(id, 'PUBLISHING', target);
      await commit(id, post, {
        status: 'PUBLISHING',
        scheduledAt: null,
        linkedInAccountId: account.id,
        publishError: null,
        publishRunStart: post.publishAttemptCount,
      });
      await removeScheduledJob(id, post.scheduledAt);
      const attempt = post.publishAttemptCount + 1;
      try {
        await queue.add({ postId: id, attempt }, { ...PUBLISH_JOB_OPTIONS, jobId: attemptJobId(id, attempt) });
      } catch (error) {
        await prisma.post.updateMany({
          where: { id, status: 'PUBLISHING', publishAttemptCount: post.publishAttemptCount },
          data: { status: 'FAILED', publishError: 'The publishing queue is unavailable; publish again in a moment.', version: { increment: 1 } },
        });
        throw error;
      }
      return load(id, query);
    },

    /** DRAFT, FAILED (or already SCHEDULED) → SCHEDULED at `at`, published then by a delayed job. */
    async schedule(id: string, at: Date, target: PublishTarget = {}, query: PostQuery = {}, now = new Date()) {
      await schedule(id, at, target, undefined, now);
      return load(id, query);
    },

    /** Moves a SCHEDULED post to another time; its old job no longer fires. */
    async reschedule(id: string, at: Date, target: PublishTarget = {}, query: PostQuery = {}, now = new Date()) {
      await schedule(id, at, target, ['SCHEDULED'], now);
      return load(id, query);
    },

    /** SCHEDULED → DRAFT; nothing is sent. */
    async cancelSchedule(id: string, query: PostQuery = {}) {
      const post = await prisma.post.findUnique({ where: { id }, select: PREPARED });
      if (!post) throw notFound('Post');
      if (post.status !== 'SCHEDULED') throw conflict(`Only a SCHEDULED post can be cancelled; this one is ${post.status}.`);
      await commit(id, post, { status: 'DRAFT', scheduledAt: null });
      await removeScheduledJob(id, post.scheduledAt);
      return load(id, query);
    },
  };
}
