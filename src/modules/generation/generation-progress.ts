import type { GenerationJob } from '../../generated/prisma/client.js';

export type GenerationStatus = GenerationJob['status'];

/** What the runner publishes on `generation:progress` for one job. */
export interface GenerationProgressMessage {
  status: GenerationStatus;
  progress: number;
  /** Length of the job's text before `delta`. */
  offset: number;
  delta: string | null;
  /** The writer started over (a retry): text sent before this message is void. */
  restarted: boolean;
  /** The last message for the job. */
  final: boolean;
}

/** One event for a subscriber: the job as it is now, and the text added since the previous event. */
export interface GenerationEvent {
  job: GenerationJob;
  delta: string | null;
  restarted: boolean;
}

const TERMINAL: readonly GenerationStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const isTerminal = (status: GenerationStatus) => TERMINAL.includes(status);

/**
 * Progress from the characters written against the length the post is likely to reach
 * (most posts end well before the limit); it reaches 1 only when the job succeeds.
 */
export const estimateProgress = (characters: number, maxLength: number) => Math.min(0.95, characters / Math.min(maxLength, 1200));

export interface FollowDeps {
  /** The job's row when a feed of it starts; throws when the job is gone. */
  loadInitial(jobId: string): Promise<GenerationJob>;
  /** Current row of the job, null when it is gone. */
  load(jobId: string): Promise<GenerationJob | null>;
  /** Live messages of one job, from the moment the iterator is first read. */
  messages(jobId: string): AsyncIterable<GenerationProgressMessage>;
  /** How long to wait for the runner's next flush when live text skipped ahead of the stored text. */
  flushWaitMs: number;
}
