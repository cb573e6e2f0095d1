import type { GenerationJob, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Logger } from '../../infra/logger.js';
import type { JobOptions, JobQueue } from '../../infra/queue/job-queue.js';
import { badField, conflict, forbidden, notFound } from '../../shared/errors.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { PostService } from '../posts/post.service.js';
import type { LivePubSub } from '../topics.types.js';
import { mayActOnPost, mayDo } from '../workspaces/workspace-permissions.rules.js';
import type { WorkspaceService } from '../workspaces/workspaces.service.js';
import { generationCacheKey } from './cache-key.js';
import { createJobFollower } from './follow-job.js';
import type { GenerationCache } from './generation-cache.js';
import type { RequestLimiter } from './generation-limiter.js';
import type { GenerationEvent } from './generation-progress.js';
import { validateGenerationRequest } from './generation-request.js';
import type { GenerationJobData, StoredInput } from './generation-runner.js';
import { forgetJobsRequested, recordJobCancelled, recordJobRequested } from './job-audit.js';
import type { GenerationRequest } from './writer-types.js';

export const MAX_BATCH = 20;

/** When recovery looks at a job. */
interface RecoveryWindow {
  /** A RUNNING job whose heartbeat is older than this lost its worker (killed, or its Redis state gone). */
  heartbeatTimeoutMs: number;
  /** RUNNING longer than this though its heartbeat goes on: its worker hangs; it ends FAILED. */
  staleAfterMs: number;
  /** Jobs younger than this are left alone: their worker may be about to take or finish them. */
  orphanAfterMs: number;
  /** Attempts a job gets in all; a RUNNING job with attempts left is run again. */
  maxAttempts: number;
}

/** Jobs recovery looks at per pass; the next pass takes the rest. */
const RECOVERY_BATCH = 200;

/** The queue job recovery adds for a job whose lost run's queue job still looks active (BullMQ ids hold no ':' here). */
const retryJobId = (id: string, attempts: number) => `${id}-retry-${attempts}`;

export interface GenerationServiceDeps {
  prisma: PrismaClient;
  queue: JobQueue<GenerationJobData>;
  posts: PostService;
  /** Jobs (and the posts they write) go to the workspace named, or the caller's personal one. */
  workspaces: Pick<WorkspaceService, 'personalWorkspaceId' | 'roleLoader'>;
  pubsub: LivePubSub;
  cache: GenerationCache;
  limiter: RequestLimiter;
  logger: Logger;
  jobOptions: Omit<JobOptions, 'jobId'>;
  /** The runner's flush interval: how long a late subscriber may need to wait for stored text. */
  flushIntervalMs: number;
}

/** Where a job and its post go: the workspace (authorised by the caller), default the caller's personal one. */
export interface JobPlace {
  workspaceId?: string | null;
}

/** Jobs a user sees: those of the workspaces they belong to; nothing when signed out. */
export const jobsVisibleTo = (userId: string | undefined): Prisma.GenerationJobWhereInput =>
  userId ? { workspace: { members: { some: { userId } } } } : { id: { in: [] } };

type PrismaQuery = { include?: Prisma.GenerationJobInclude; select?: Prisma.GenerationJobSelect };

/** Jobs that write posts with the AI writer; the work itself runs on the queue (see generation-runner). */
export function createGenerationService(deps: GenerationServiceDeps) {
  const { prisma, queue, pubsub } = deps;

  /** Validated, rate limited and looked up in the cache: everything a job row needs. */
  async function prepare(actor: MemberActor, inputs: (GenerationRequest & JobPlace)[], paths: string[]) {
    const { userId } = actor;
    const requests = inputs.map((input, i) => validateGenerationRequest(input, paths[i]));
    // Limits stay the user's own, whichever workspace the jobs are for.
    await deps.limiter.take(userId, requests.length);
    const personal = inputs.some((input) => !input.workspaceId) ? await deps.workspaces.personalWorkspaceId(userId) : undefined;
    return Promise.all(
      requests.map(async (request, i) => {
        const workspaceId = inputs[i]?.workspaceId ?? (personal as string);
        const cacheKey = generationCacheKey(request);
        const hit = await deps.cache.get(cacheKey);
        const post = hit ? await deps.posts.create(actor, { content: hit.content, hashtags: hit.hashtags, tone: request.tone, workspaceId }) : undefined;
        const input: StoredInput = { request, cacheKey };
        return {
          userId,
          workspaceId,
          topic: request.topic,
          tone: request.tone,
          input: input as unknown as Prisma.InputJsonValue,
          ...(hit && post
            ? {
                status: 'SUCCEEDED' as const,
                cached: true,
                provider: hit.provider,
                output: hit.content,
                imageBrief: hit.image?.imageBrief ?? null,
                imageAltText: hit.image?.imageAltText ?? null,
                progress: 1,
                postId: post.id,
                finishedAt: new Date(),
              }
            : {}),
        } satisfies Prisma.GenerationJobCreateManyInput;
      }),
    );
  }

  async function enqueue(jobs: Pick<GenerationJob, 'id' | 'status'>[]) {
    for (const job of jobs) {
      if (job.status === 'QUEUED') await queue.add({ jobId: job.id }, { ...deps.jobOptions, jobId: job.id });
    }
  }

  /** Stores the jobs, each with its audit entry, in one transaction; answers their ids and statuses in input order. */
  function createJobs(actor: MemberActor, rows: Prisma.GenerationJobCreateManyInput[]) {
    return prisma.$transaction(async (tx) => {
      const jobs = await tx.generationJob.createManyAndReturn({ data: rows, select: { id: true, status: true, workspaceId: true, topic: true, tone: true } });
      for (const job of jobs) await recordJobRequested(tx, actor, job);
      return jobs;
    });
  }

  /**
   * New jobs go on the queue, or do not exist: when the queue cannot take them (Redis down) the
   * caller is told to retry (SERVICE_UNAVAILABLE), and rows left QUEUED would otherwise run later
   * for a request that was refused. Their audit entries go with them.
   */
  async function enqueueNew(jobs: Pick<GenerationJob, 'id' | 'status'>[]) {
    try {
      await enqueue(jobs);
    } catch (error) {
      const ids = jobs.filter((j) => j.status === 'QUEUED').map((j) => j.id);
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.generationJob.deleteMany({ where: { id: { in: ids }, status: 'QUEUED' } });
        if (count) await forgetJobsRequested(tx, ids);
      });
      throw error;
    }
  }

  // One feed per job on this instance, whatever its number of subscribers (see createJobFollower).
  const feeds = createJobFollower({
    loadInitial: (id) => prisma.generationJob.findUniqueOrThrow({ where: { id } }),
    load: (id) => prisma.generationJob.findUnique({ where: { id } }),
    messages: (id) => pubsub.subscribe('generation:progress', id),
    flushWaitMs: deps.flushIntervalMs,
  });

  /** The job and the user's role in its workspace; NOT_FOUND when missing, FORBIDDEN outside its workspace. */
  const jobAccess = async (jobId: string, userId: string) => {
    const job = await prisma.generationJob.findUnique({ where: { id: jobId } });
    if (!job) throw notFound('Generation job');
    const role = await deps.workspaces.roleLoader(userId).load(job.workspaceId);
    if (!mayDo(role, 'readPosts')) throw forbidden("This generation job is another workspace's.");
    return { job, role };
  };

  return {
    /** Creates the job (QUEUED, or SUCCEEDED at once from the cache) and returns without waiting for the writer. */
    async generate(actor: MemberActor, input: GenerationRequest & JobPlace, query: PrismaQuery = {}) {
      const [created] = await createJobs(actor, await prepare(actor, [input], ['input']));
      const { id, status } = created as { id: string; status: GenerationJob['status'] };
      const job = await prisma.generationJob.findUniqueOrThrow({ ...query, where: { id } });
      await enqueueNew([{ id, status }]);
      return job;
    },

    /** Up to MAX_BATCH jobs created together; nothing is created when any input is invalid. */
    async generateMany(actor: MemberActor, inputs: (GenerationRequest & JobPlace)[], query: PrismaQuery = {}) {
      if (inputs.length === 0) throw badField('inputs', 'must hold at least one input');
      if (inputs.length > MAX_BATCH) throw badField('inputs', `at most ${MAX_BATCH} inputs per batch`);
      const rows = await prepare(
        actor,
        inputs,
        inputs.map((_, i) => `inputs.${i}`),
      );
      const jobs = await createJobs(actor, rows);
      const byId = new Map((await prisma.generationJob.findMany({ ...query, where: { id: { in: jobs.map((j) => j.id) } } })).map((j) => [j.id, j]));
      await enqueueNew(jobs);
      return jobs.map((job) => byId.get(job.id) as GenerationJob);
    },

    /**
     * Stops a QUEUED or RUNNING job: CANCELLED, taken off the queue, and the writer's request aborted
     * wherever it runs. CONFLICT when the job already finished. Its creator may, and whoever may edit
     * other members' posts in its workspace (FORBIDDEN for anyone else).
     */
    async cancel(jobId: string, actor: MemberActor, query: PrismaQuery = {}) {
      const { job, role } = await jobAccess(jobId, actor.userId);
      if (!mayActOnPost(role, 'write', job.userId === actor.userId)) throw forbidden('Only its creator, an OWNER or an ADMIN may cancel this job.');
      const cancelled = await prisma.$transaction(async (tx) => {
        const [running] = await tx.$queryRaw<{ status: string }[]>`
          SELECT status::text FROM generation_jobs WHERE id = ${jobId}::uuid AND status IN ('QUEUED', 'RUNNING') FOR UPDATE`;
        if (!running) return false;
        await tx.generationJob.update({ where: { id: jobId }, data: { status: 'CANCELLED', finishedAt: new Date() } });
        await recordJobCancelled(tx, actor, { id: jobId, workspaceId: job.workspaceId, status: running.status });
        return true;
      });
      if (!cancelled) throw conflict(`Cannot cancel a generation job that is ${job.status}.`);
      await queue.remove(jobId);
      pubsub.publish('generation:cancel', jobId, 'cancelled by its owner');
      const current = await prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } });
      pubsub.publish('generation:progress', jobId, {
        status: 'CANCELLED',
        progress: current.progress,
        offset: current.output.length,
        delta: null,
        restarted: false,
        final: true,
      });
      return prisma.generationJob.findUniqueOrThrow({ ...query, where: { id: jobId } });
    },

    /** The job when the caller belongs to its workspace; null for a missing job or another workspace's. */
    findVisible(jobId: string, userId: string | undefined, query: PrismaQuery = {}) {
      return prisma.generationJob.findFirst({ ...query, where: { id: jobId, ...jobsVisibleTo(userId) } });
    },

    /** Live events for the members of the job's workspace (FORBIDDEN for others, NOT_FOUND when missing); see createJobFollower. */
    async follow(jobId: string, userId: string): Promise<AsyncIterableIterator<GenerationEvent>> {
      await jobAccess(jobId, userId);
      return feeds.follow(jobId);
    },

    /**
     * Puts back on the queue what the queue lost or gave up on while the database or Redis was down:
     * QUEUED jobs the queue does not hold (their attempts failed before the row was claimed, or
     * Redis lost them), and RUNNING ones whose heartbeat stopped (their worker died, or gave the job up
     * when its Redis state vanished) when they have attempts left; those without attempts left, and
     * those RUNNING longer than `staleAfterMs` though still beating (a worker that hangs), end FAILED.
     * Counts say what was actually done.
     */
    async recover({ heartbeatTimeoutMs, staleAfterMs, orphanAfterMs, maxAttempts }: RecoveryWindow) {
      const now = Date.now();
      const cutoff = new Date(now - orphanAfterMs);
      const result = { requeued: 0, alreadyQueued: 0, retried: 0, failed: 0 };
      const queued = await prisma.generationJob.findMany({
        where: { status: 'QUEUED', createdAt: { lt: cutoff } },
        select: { id: true, attempts: true },
        take: RECOVERY_BATCH,
      });
      for (const { id, attempts } of queued) {
        if ((await queue.isLive(id)) || (await queue.isLive(retryJobId(id, attempts)))) result.alreadyQueued++;
        else {
          await queue.add({ jobId: id }, { ...deps.jobOptions, jobId: id });
          result.requeued++;
        }
      }
      const silentSince = new Date(now - heartbeatTimeoutMs);
      const running = await prisma.generationJob.findMany({
        where: {
          status: 'RUNNING',
          OR: [
            { heartbeatAt: { lt: silentSince } },
            { heartbeatAt: null, startedAt: { lt: silentSince } },
            { startedAt: { lt: new Date(now - staleAfterMs) } },
          ],
        },
        select: { id: true, output: true, progress: true, attempts: true, startedAt: true, heartbeatAt: true },
        take: RECOVERY_BATCH,
      });
      for (const job of running) {
        const beating = (job.heartbeatAt ?? job.startedAt)!.getTime() >= silentSince.getTime();
        const retry = !beating && job.attempts < maxAttempts;
        const { count } = await prisma.generationJob.updateMany({
          where: { id: job.id, status: 'RUNNING', startedAt: job.startedAt, heartbeatAt: job.heartbeatAt },
          data: retry
            ? { status: 'QUEUED' }
            : { status: 'FAILED', failureReason: 'INTERRUPTED', error: 'The worker writing this post stopped before it finished.', finishedAt: new Date() },
        });
        if (!count) continue;
        if (retry) {
          // The dead run's own queue job may still count as active until the queue notices its lock
          // expired (BullMQ ignores an add with its id meanwhile): a fresh id runs the job now, and
          // whichever of the two comes second finds the row claimed and stops.
          const jobId = (await queue.isLive(job.id)) ? retryJobId(job.id, job.attempts) : job.id;
          await queue.add({ jobId: job.id }, { ...deps.jobOptions, jobId });
          result.retried++;
        } else result.failed++;
        pubsub.publish('generation:progress', job.id, {
          status: retry ? 'QUEUED' : 'FAILED',
          progress: retry ? 0 : job.progress,
          offset: retry ? 0 : job.output.length,
          delta: null,
          restarted: retry,
          final: !retry,
        });
      }
      return result;
    },
  };
}
