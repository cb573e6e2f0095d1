import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { isDatabaseUnavailable } from '../../infra/db/unavailable.js';
import type { Logger } from '../../infra/logger.js';
import { JobCancelledError, type JobContext, JobTimeoutError } from '../../infra/queue/job-queue.js';
import type { PostService } from '../posts/post.service.js';
import type { LivePubSub } from '../topics.types.js';
import { createDeltaBatcher } from './delta-batcher.js';
import type { GenerationCache } from './generation-cache.js';
import { estimateProgress, type GenerationProgressMessage } from './generation-progress.js';
import type { NormalizedRequest } from './generation-request.js';
import { isAbortError, WriterError } from './writer-errors.js';
import type { PostWriter } from './writer-types.js';

export interface GenerationJobData {
  jobId: string;
}

export interface RunnerDeps {
  prisma: PrismaClient;
  writer: PostWriter;
  posts: PostService;
  pubsub: LivePubSub;
  cache: GenerationCache;
  logger: Logger;
  /** Attempts the queue gives a job; the last failing one marks the job FAILED. */
  attempts: number;
  /** Least time between two writes of the streamed text to the job's row. */
  flushIntervalMs: number;
  /**
   * The run renews the row's heartbeat every `intervalMs`; a RUNNING row whose heartbeat is older
   * than `timeoutMs` lost its worker, and only then may another run take it over.
   */
  heartbeat: { intervalMs: number; timeoutMs: number };
}

/** Stored with the job: the request with defaults applied, and its cache key. */
export interface StoredInput {
  request: NormalizedRequest;
  cacheKey: string;
}

class CancelledByUser extends Error {
  constructor() {
    super('The generation was cancelled.');
    this.name = 'CancelledByUser';
  }
}

type FailureReason = NonNullable<Prisma.GenerationJobUpdateManyMutationInput['failureReason']>;

/** The writer failures a job can end with and a client can act on; any other is null, said in words by `error`. */
const NAMED_FAILURES: Partial<Record<WriterError['reason'], FailureReason>> = { interrupted: 'INTERRUPTED', unsupported_language: 'UNSUPPORTED_LANGUAGE' };

const describeFailure = (error: unknown): { error: string; failureReason: FailureReason | null } => {
  if (error instanceof JobTimeoutError) return { error: `The AI writer took too long: ${error.message}`, failureReason: 'TIMEOUT' };
  if (error instanceof WriterError) return { error: error.message, failureReason: NAMED_FAILURES[error.reason] ?? null };
  return { error: 'The AI writer failed unexpectedly.', failureReason: null };
};

/** Failures no retry can change: the job fails on its first attempt, and the queue sees a job that ran its course. */
const isFinal = (error: unknown) => error instanceof WriterError && error.reason === 'unsupported_language';

/**
 * Runs one generation job: claims the row (RUNNING), streams the writer's text into the row
 * (throttled) and onto `generation:progress`, saves the DRAFT post, and finishes the row
 * (SUCCEEDED, or FAILED on the last attempt). A cancel, seen through `generation:cancel` or
 * through the row leaving RUNNING, aborts the writer's request.
 */
export function createGenerationRunner(deps: RunnerDeps) {
  const { prisma, pubsub, logger } = deps;
  const publish = (jobId: string, message: GenerationProgressMessage) => pubsub.publish('generation:progress', jobId, message);

  return async function run({ jobId }: GenerationJobData, ctx: JobContext): Promise<void> {
    const startedAt = new Date();
    const deadBefore = new Date(startedAt.getTime() - deps.heartbeat.timeoutMs);
    // A RUNNING row is taken over only from a run whose heartbeat stopped: a duplicate of a live run
    // (the queue saw a stall, recovery queued it again meanwhile) leaves it alone.
    const claimed = await prisma.generationJob.updateMany({
      where: {
        id: jobId,
        OR: [{ status: 'QUEUED' }, { status: 'RUNNING', heartbeatAt: { lt: deadBefore } }, { status: 'RUNNING', heartbeatAt: null }],
      },
      data: { status: 'RUNNING', startedAt, heartbeatAt: startedAt, attempts: { increment: 1 }, output: '', progress: 0, error: null, failureReason: null },
    });
    if (claimed.count === 0) return;
    const job = await prisma.generationJob.findUniqueOrThrow({ where: { id: jobId } });
    const { request, cacheKey } = job.input as unknown as StoredInput;
    // Every later write is fenced by this claim: a run whose row another run took over stops.
    // Attempts are counted on the row, so runs after a lost worker count too.
    const running = { id: jobId, status: 'RUNNING' as const, attempts: job.attempts, startedAt };

    const controller = new AbortController();
    const abort = (reason: unknown) => controller.abort(reason);
    if (ctx.signal.aborted) abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', () => abort(ctx.signal.reason), { once: true });
    const cancels = pubsub.subscribe('generation:cancel', jobId);
    void (async () => {
      for await (const _reason of cancels) {
        abort(new CancelledByUser());
        return;
      }
    })();

    let text = '';
    let progress = 0;
    let flushing: Promise<void> | undefined;
    let lastFlush = 0;
    const flush = async () => {
      lastFlush = Date.now();
      const { count } = await prisma.generationJob.updateMany({ where: running, data: { output: text, progress } });
      if (count === 0) abort(new CancelledByUser());
    };
    const scheduleFlush = () => {
      if (flushing || Date.now() - lastFlush < deps.flushIntervalMs) return;
      flushing = flush()
        // An unreachable database is logged once for the process (infra/db/availability), not per flush.
        .catch((error: unknown) => logger[isDatabaseUnavailable(error) ? 'debug' : 'warn']({ err: error, jobId }, 'could not store generation progress'))
        .finally(() => (flushing = undefined));
    };

    const heartbeat = setInterval(() => {
      prisma.generationJob.updateMany({ where: running, data: { heartbeatAt: new Date() } }).then(
        ({ count }) => count === 0 && abort(new CancelledByUser()),
        (error: unknown) => logger.debug({ err: error, jobId }, 'could not renew the generation heartbeat'),
      );
    }, deps.heartbeat.intervalMs);

    const deltas = createDeltaBatcher((offset, delta) => publish(jobId, { status: 'RUNNING', progress, offset, delta, restarted: false, final: false }));
    await publish(jobId, { status: 'RUNNING', progress: 0, offset: 0, delta: null, restarted: job.attempts > 1, final: false });
    try {
      const written = await deps.writer.write(request, {
        signal: controller.signal,
        onDelta: (delta) => {
          deltas.add(text.length, delta);
          text += delta;
          progress = estimateProgress(text.length, request.maxLength);
          scheduleFlush();
        },
      });
      deltas.flush();
      await flushing;
      // The job's user asked for the draft; the job carries no request id to record with it.
      const author = { userId: job.userId, requestId: null };
      const post = await deps.posts.create(author, {
        content: written.content,
        hashtags: written.hashtags,
        tone: request.tone,
        workspaceId: job.workspaceId,
      });
      const finished = await prisma.generationJob.updateMany({
        where: running,
        data: {
          status: 'SUCCEEDED',
          progress: 1,
          output: written.content,
          provider: written.provider,
          imageBrief: written.image?.imageBrief ?? null,
          imageAltText: written.image?.imageAltText ?? null,
          postId: post.id,
          finishedAt: new Date(),
        },
      });
      if (finished.count === 0) {
        await deps.posts.delete(post.id, author);
        throw new CancelledByUser();
      }
      await deps.cache.set(cacheKey, { content: written.content, hashtags: written.hashtags, provider: written.provider, image: written.image });
      await publish(jobId, { status: 'SUCCEEDED', progress: 1, offset: written.content.length, delta: null, restarted: false, final: true });
    } catch (caught) {
      deltas.flush();
      await flushing;
      const reason: unknown = controller.signal.reason;
      if (reason instanceof CancelledByUser || caught instanceof CancelledByUser) throw new JobCancelledError();
      // Shutting down: leave the row RUNNING; the queue hands the job to another worker.
      if (ctx.signal.aborted && !(reason instanceof JobTimeoutError)) throw caught;
      const error = reason instanceof JobTimeoutError && isAbortError(caught) ? reason : caught;
      const final = isFinal(error);
      if (!final && job.attempts < deps.attempts) throw error;
      const failure = describeFailure(error);
      if (final) logger.info({ jobId, failureReason: failure.failureReason }, 'generation job refused');
      else logger.warn({ err: error, jobId, attempt: job.attempts }, 'generation job failed');
      const failed = await prisma.generationJob.updateMany({
        where: running,
        data: { status: 'FAILED', ...failure, finishedAt: new Date(), output: text } satisfies Prisma.GenerationJobUpdateManyMutationInput,
      });
      if (failed.count === 1) await publish(jobId, { status: 'FAILED', progress, offset: text.length, delta: null, restarted: false, final: true });
      if (!final) throw error;
    } finally {
      clearInterval(heartbeat);
      await cancels.return?.();
    }
  };
}
