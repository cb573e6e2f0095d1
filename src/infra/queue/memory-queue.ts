import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
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
  retryDelay,
} from './job-queue.js';

interface MemoryJob<T> {
  id: string;
  data: T;
  attempts: number;
  backoffMs: number;
  timeoutMs?: number;
  /** Attempts started so far. */
  attempt: number;
  state: 'waiting' | 'delayed' | 'active';
  timer?: NodeJS.Timeout;
  controller?: AbortController;
  settled?: Promise<void>;
}

class ShutdownAbort extends Error {
  constructor() {
    super('The worker is shutting down.');
    this.name = 'ShutdownAbort';
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A queue inside this process: delays and backoff with timers, a per-attempt timeout that aborts
 * the handler's signal, and bounded concurrency. Jobs live in memory only, so whoever owns the
 * jobs must recover them from its own store after a restart.
 */
export class MemoryQueue<T> implements JobQueue<T> {
  private readonly jobs = new Map<string, MemoryJob<T>>();
  private readonly waiting: string[] = [];
  private handler?: JobHandler<T>;
  private concurrency = 0;
  private active = 0;
  private closing = false;

  constructor(
    readonly name: string,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS,
  ) {}

  async add(data: T, options: JobOptions = {}): Promise<string> {
    const id = options.jobId ?? randomUUID();
    if (this.jobs.has(id) || this.closing) return id;
    const job: MemoryJob<T> = {
      id,
      data,
      attempts: Math.max(1, options.attempts ?? 1),
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      timeoutMs: options.timeoutMs,
      attempt: 0,
      state: 'waiting',
    };
    this.jobs.set(id, job);
    if (options.delayMs && options.delayMs > 0) this.delay(job, options.delayMs);
    else this.enqueue(job);
    return id;
  }

  async isLive(jobId: string): Promise<boolean> {
    return this.jobs.has(jobId);
  }

  async remove(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.state === 'active') return;
    clearTimeout(job.timer);
    const index = this.waiting.indexOf(jobId);
    if (index >= 0) this.waiting.splice(index, 1);
    this.jobs.delete(jobId);
    this.report();
  }

  process(handler: JobHandler<T>, options: { concurrency: number }): void {
    this.handler = handler;
    this.concurrency = Math.max(1, options.concurrency);
    this.pump();
  }

  async counts(): Promise<JobCounts> {
    let delayed = 0;
    for (const job of this.jobs.values()) if (job.state === 'delayed') delayed++;
    return { waiting: this.waiting.length, active: this.active, delayed };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.jobs.values()) clearTimeout(job.timer);
    const running = () => [...this.jobs.values()].filter((j) => j.state === 'active');
    const allSettled = () => Promise.all(running().map((j) => j.settled));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      allSettled().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const job of running()) job.controller?.abort(new ShutdownAbort());
      await allSettled();
    }
  }

  private enqueue(job: MemoryJob<T>) {
    job.state = 'waiting';
    this.waiting.push(job.id);
    this.report();
    this.pump();
  }

  private delay(job: MemoryJob<T>, ms: number) {
    job.state = 'delayed';
    // Node fires a timer of more than 2^31 - 1 ms (about 24.8 days) at once: a post scheduled a month ahead waits in steps.
    const step = Math.min(ms, MAX_TIMER_MS);
    job.timer = setTimeout(() => (ms > step ? this.delay(job, ms - step) : this.enqueue(job)), step);
    this.report();
  }

  private pump() {
    while (this.handler && !this.closing && this.active < this.concurrency && this.waiting.length) {
      const job = this.jobs.get(this.waiting.shift() as string);
      if (job) job.settled = this.run(job, this.handler);
    }
  }

  private async run(job: MemoryJob<T>, handler: JobHandler<T>) {
    this.active++;
    job.state = 'active';
    job.attempt++;
    const attempt = attemptSignal(job.timeoutMs);
    job.controller = attempt.controller;
    this.report();
    let failure: unknown;
    try {
      await handler(job.data, { id: job.id, attempt: job.attempt, signal: attempt.controller.signal });
      const reason: unknown = attempt.controller.signal.reason;
      if (reason instanceof JobTimeoutError) failure = reason;
    } catch (error) {
      failure = error;
    } finally {
      attempt.dispose();
      this.active--;
    }
    this.settle(job, failure, attempt.controller.signal.reason);
    this.pump();
  }

  private settle(job: MemoryJob<T>, failure: unknown, abortReason: unknown) {
    if (failure === undefined) return this.finish(job, 'succeeded');
    if (abortReason instanceof ShutdownAbort) {
      job.attempt--;
      job.state = 'waiting';
      this.waiting.push(job.id);
      return this.report();
    }
    if (failure instanceof JobCancelledError) return this.finish(job, 'cancelled');
    if (job.attempt < job.attempts && !this.closing) {
      this.logger.warn({ err: failure, queue: this.name, jobId: job.id, attempt: job.attempt }, 'job attempt failed, retrying');
      return this.delay(job, retryDelay(job.backoffMs, job.attempt));
    }
    this.logger.error({ err: failure, queue: this.name, jobId: job.id, attempt: job.attempt }, 'job failed');
    this.finish(job, 'failed');
  }

  private finish(job: MemoryJob<T>, outcome: 'succeeded' | 'failed' | 'cancelled') {
    this.jobs.delete(job.id);
    this.metrics?.queueJobsFinished.inc({ queue: this.name, outcome });
    this.report();
  }

  private report() {
    if (!this.metrics) return;
    void this.counts().then((counts) => {
      for (const [state, value] of Object.entries(counts)) this.metrics?.queueJobs.set({ queue: this.name, state }, value);
    });
  }
}
