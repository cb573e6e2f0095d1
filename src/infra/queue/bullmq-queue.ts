import { type Job, Queue, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { RedisConnections } from '../redis.js';
import {
  attemptSignal,
  DEFAULT_BACKOFF_MS,
  DEFAULT_CLOSE_TIMEOUT_MS,
  JobCancelledError,
  type JobCounts,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  JobTimeoutError,
  type QueueTuning,
  QueueUnavailableError,
} from './job-queue.js';

/** What BullMQ stores: the caller's data plus the per-attempt timeout, which BullMQ has no option for. */
interface Envelope<T> {
  data: T;
  timeoutMs?: number;
}

const METRICS_REFRESH_MS = 5000;
const KEEP_FAILED_JOBS = 1000;

/** BullMQ joins prefix and queue name with ':', so a REDIS_PREFIX ending in ':' would double it. */
const bullPrefix = (prefix: string) => prefix.replace(/:+$/, '') || 'bull';

/** BullMQ's blocking commands need connections that retry forever (`maxRetriesPerRequest: null`). */
const BULL_CONNECTION = { maxRetriesPerRequest: null } as const;
/** An add that Redis has not answered by then is reported unavailable (Redis hangs rather than refuses). */
const ADD_TIMEOUT_MS = 2000;
const FINISHED = new Set(['failed', 'completed']);
/** Connection states after it was lost (a first connect still under way is waited for instead). */
const LOST = new Set(['reconnecting', 'close', 'end']);
const LIVE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * A queue on Redis through BullMQ: jobs survive restarts, any number of processes may work on them,
 * and a job whose worker died (lock not renewed) is picked up again by the stalled-job check.
 */
export class BullQueue<T> implements JobQueue<T> {
  private readonly queue: Queue<Envelope<T>>;
  private readonly connection: Redis;
  private readonly workers: Worker<Envelope<T>>[] = [];
  private readonly workerConnections: Redis[] = [];
  private readonly refresh: NodeJS.Timeout;
  private closing = false;

  constructor(
    readonly name: string,
    private readonly redis: RedisConnections,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly tuning: QueueTuning = {},
  ) {
    this.connection = redis.open(`queue:${name}`, BULL_CONNECTION);
    this.queue = new Queue<Envelope<T>>(name, { connection: this.connection, prefix: bullPrefix(redis.config.prefix) });
    this.queue.on('error', (error) => this.reportError(error, 'queue connection error'));
    this.refresh = setInterval(() => void this.counts().catch(() => undefined), METRICS_REFRESH_MS).unref();
  }

  async add(data: T, options: JobOptions = {}): Promise<string> {
    // Redis lost: refuse now rather than queue the command until it returns (it retries forever here).
    // The process knows of an outage before this connection's status shows it between two reconnects.
    if (!this.redis.healthy || LOST.has(this.connection.status)) throw new QueueUnavailableError();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.addNow(data, options),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new QueueUnavailableError('no answer from Redis')), ADD_TIMEOUT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async isLive(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    return job !== undefined && LIVE.has(await job.getState());
  }

  private async addNow(data: T, options: JobOptions): Promise<string> {
    if (options.jobId) await this.removeFinished(options.jobId);
    const job = await this.queue.add(
      this.name,
      { data, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
      {
        ...(options.jobId ? { jobId: options.jobId } : {}),
        ...(options.delayMs ? { delay: options.delayMs } : {}),
        attempts: Math.max(1, options.attempts ?? 1),
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED_JOBS,
      },
    );
    return job.id as string;
  }

  /** BullMQ ignores an add whose id a kept failed job still holds: the work would never run again. */
  private async removeFinished(jobId: string) {
    const job = await this.queue.getJob(jobId);
    if (job && FINISHED.has(await job.getState())) await job.remove();
  }

  async remove(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (!job) return;
    const state = await job.getState();
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await this.queue.remove(jobId);
  }

  process(handler: JobHandler<T>, options: { concurrency: number }): void {
    const connection = this.redis.open(`worker:${this.name}`, BULL_CONNECTION);
    this.workerConnections.push(connection);
    const worker = new Worker<Envelope<T>>(this.name, (job, token, signal) => this.runAttempt(handler, job, token, signal), {
      connection,
      prefix: bullPrefix(this.redis.config.prefix),
      concurrency: Math.max(1, options.concurrency),
      ...(this.tuning.stalledIntervalMs ? { stalledInterval: this.tuning.stalledIntervalMs } : {}),
      ...(this.tuning.lockDurationMs ? { lockDuration: this.tuning.lockDurationMs } : {}),
    });
    worker.on('error', (error) => this.reportError(error, 'queue worker error'));
    worker.on('completed', () => this.metrics?.queueJobsFinished.inc({ queue: this.name, outcome: 'succeeded' }));
    worker.on('failed', (job, error) => this.onFailed(job, error));
    this.workers.push(worker);
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const result = { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0 };
    for (const [state, value] of Object.entries(result)) this.metrics?.queueJobs.set({ queue: this.name, state }, value);
    return result;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.refresh);
    await Promise.all(this.workers.map((worker) => this.closeWorker(worker)));
    await this.queue.close();
    // BullMQ leaves connections it was given open.
    for (const connection of [this.connection, ...this.workerConnections]) connection.disconnect();
  }

  private async closeWorker(worker: Worker<Envelope<T>>) {
    const closed = worker.close();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.tuning.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (timedOut) worker.cancelAllJobs('shutdown');
    await closed;
  }

  private async runAttempt(handler: JobHandler<T>, job: Job<Envelope<T>>, token: string | undefined, workerSignal: AbortSignal | undefined) {
    const attempt = attemptSignal(job.data.timeoutMs, workerSignal);
    try {
      await handler(job.data.data, { id: job.id as string, attempt: job.attemptsMade + 1, signal: attempt.controller.signal });
      const reason: unknown = attempt.controller.signal.reason;
      if (reason instanceof JobTimeoutError) throw reason;
    } catch (error) {
      if (error instanceof JobCancelledError) throw new UnrecoverableError(`${JobCancelledError.name}: ${error.message}`);
      if (this.closing && workerSignal?.aborted) {
        // Put back without using up an attempt, so another worker retries it.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw error;
    } finally {
      attempt.dispose();
    }
  }

  /** BullMQ reports every failed reconnect; while Redis is known down its outage was logged once already (see createRedisConnections). */
  private reportError(error: Error, message: string) {
    if (this.redis.healthy) this.logger.warn({ err: error, queue: this.name }, message);
    else this.logger.debug({ err: error, queue: this.name }, message);
  }

  private onFailed(job: Job<Envelope<T>> | undefined, error: Error) {
    if (!job) return;
    const cancelled = error.message.startsWith(`${JobCancelledError.name}:`);
    const final = cancelled || error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      this.logger.warn({ err: error, queue: this.name, jobId: job.id, attempt: job.attemptsMade }, 'job attempt failed, retrying');
      return;
    }
    if (!cancelled) this.logger.error({ err: error, queue: this.name, jobId: job.id, attempt: job.attemptsMade }, 'job failed');
    this.metrics?.queueJobsFinished.inc({ queue: this.name, outcome: cancelled ? 'cancelled' : 'failed' });
  }
}
