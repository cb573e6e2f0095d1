export interface JobOptions {
  /**
   * Makes `add` idempotent: a second add with the id of a job still waiting, delayed or active is a
   * no-op; a finished job of that id (a failed one is kept a while) is replaced, so the work runs again.
   */
  jobId?: string;
  delayMs?: number;
  /** Tries in all, the first included (default 1). */
  attempts?: number;
  /** Delay before the first retry; doubles on each further retry (default 1000). */
  backoffMs?: number;
  /** The attempt's signal is aborted after this long and the attempt fails. */
  timeoutMs?: number;
}

export interface JobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted on timeout and when the worker shuts down before the job finished. */
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, ctx: JobContext) => Promise<void>;

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
}

export interface JobQueue<T> {
  readonly name: string;
  /** Rejects with QueueUnavailableError, at once, while the queue's store (Redis) is unreachable. */
  add(data: T, options?: JobOptions): Promise<string>;
  /** Whether a job of this id is waiting, delayed or active (so adding it again would change nothing). */
  isLive(jobId: string): Promise<boolean>;
  /** Removes a waiting or delayed job; an active or unknown one is left alone. */
  remove(jobId: string): Promise<void>;
  /** Runs a worker for this queue in this process. */
  process(handler: JobHandler<T>, options: { concurrency: number }): void;
  counts(): Promise<JobCounts>;
  /** Stops workers: active jobs may finish until the close timeout, then they are aborted and put back to be retried. */
  close(): Promise<void>;
}

export interface QueueFactory {
  create<T>(name: string): JobQueue<T>;
  health(): Promise<void>;
  close(): Promise<void>;
}

export interface QueueTuning {
  /** How long `close` lets active jobs finish before aborting them (default 10 s). */
  closeTimeoutMs?: number;
  /** BullMQ: how often workers look for jobs whose worker died (default 30 s). */
  stalledIntervalMs?: number;
  /** BullMQ: how long a job's lock lasts without renewal before it counts as stalled (default 30 s). */
  lockDurationMs?: number;
}

/** Thrown by a handler to end a job on purpose (e.g. the user cancelled it): not retried, counted as cancelled. */
export class JobCancelledError extends Error {
  constructor(message = 'The job was cancelled.') {
    super(message);
    this.name = 'JobCancelledError';
  }
}

/** The queue cannot take work now (Redis down or not answering); nothing was added. */
export class QueueUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The job queue is unavailable.', { cause });
    this.name = 'QueueUnavailableError';
  }
}

export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** Exponential backoff: backoffMs, 2×, 4× … after the first, second, third failed attempt. */
export const retryDelay = (backoffMs: number, failedAttempt: number) => backoffMs * 2 ** (failedAttempt - 1);

export class JobTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The job timed out after ${timeoutMs} ms.`);
    this.name = 'JobTimeoutError';
  }
}

/** A signal that aborts with the parent (if any) or after `timeoutMs`; `dispose` clears the timer. */
export function attemptSignal(timeoutMs: number | undefined, parent?: AbortSignal) {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer = timeoutMs ? setTimeout(() => controller.abort(new JobTimeoutError(timeoutMs)), timeoutMs) : undefined;
  return {
    controller,
    dispose() {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
