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

export const TERMINAL: readonly GenerationStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const isTerminal = (status: GenerationStatus) => TERMINAL.includes(status);

/**
 * Progress from the characters written against the length the post is likely to reach
 * (most posts end well before the limit); it reaches 1 only when the job succeeds.
 */
export const estimateProgress = (characters: number, maxLength: number) =>
  Math.min(0.95, characters / Math.min(maxLength, 1200));

export interface FollowDeps {
  /** Current row of the job, null when it is gone. */
  load(jobId: string): Promise<GenerationJob | null>;
  /** The row as the final `message` left it; may be shared by every subscriber that got the same message. */
  loadFinal(jobId: string, message: GenerationProgressMessage): Promise<GenerationJob | null>;
  /** Live messages; must be subscribed before the first `load` so nothing falls in between. */
  messages: AsyncIterable<GenerationProgressMessage> & { return?: () => unknown };
  /** How long to wait for the runner's next flush when live text skipped ahead of the stored text. */
  flushWaitMs: number;
}

/**
 * The events one subscriber sees: the current state first (with the text so far as its delta),
 * then every live change, then one final event. Joined in order (starting over at a `restarted`
 * event) the deltas always equal the job's text, whenever the subscriber joined: live messages
 * already covered by the stored text are trimmed, and a gap (text streamed before the subscriber
 * joined but not stored yet) is filled from the next stored version.
 */
export async function* followJob(jobId: string, initial: GenerationJob, deps: FollowDeps): AsyncGenerator<GenerationEvent> {
  let job = initial;
  let text = initial.output;
  const iterator = deps.messages[Symbol.asyncIterator]();
  try {
    yield { job: { ...job }, delta: text || null, restarted: false };
    if (isTerminal(job.status)) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const message = next.value;
      if (message.final) {
        job = (await deps.loadFinal(jobId, message)) ?? { ...job, status: message.status };
        const rest = job.output.startsWith(text) ? job.output.slice(text.length) : '';
        yield { job, delta: rest || null, restarted: false };
        return;
      }
      let delta: string | null = null;
      let restarted = false;
      if (message.restarted) {
        text = message.delta ?? '';
        delta = message.delta;
        restarted = true;
      } else if (message.delta) {
        let unsent = '';
        if (message.offset > text.length) {
          const filled = await fillGap(jobId, text, message.offset, deps);
          unsent = filled.slice(text.length);
          text = filled;
        }
        if (message.offset + message.delta.length > text.length) {
          const added = message.delta.slice(text.length - message.offset);
          unsent += added;
          text += added;
        }
        if (!unsent) continue;
        delta = unsent;
      }
      job = { ...job, status: message.status, progress: message.progress, output: text };
      yield { job, delta: delta || null, restarted };
    }
  } finally {
    await iterator.return?.();
  }
}

async function fillGap(jobId: string, text: string, needed: number, deps: FollowDeps): Promise<string> {
  for (let tries = 0; tries < 20; tries++) {
    const row = await deps.load(jobId);
    if (row && row.output.length >= needed && row.output.startsWith(text)) return row.output.slice(0, needed);
    await new Promise((resolve) => setTimeout(resolve, deps.flushWaitMs));
  }
  throw new Error(`Live text of generation job ${jobId} skipped ahead of its stored text.`);
}
