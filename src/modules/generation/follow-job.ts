import type { GenerationJob } from '../../generated/prisma/client.js';
import { isTerminal, type FollowDeps, type GenerationEvent, type GenerationProgressMessage } from './generation-progress.js';
import { createWakeUp } from '../../shared/wake-up.js';

/**
 * The events one subscriber sees: the current state first (with the text so far as its delta),
 * then every live change, then one final event. Joined in order (starting over at a `restarted`
 * event) the deltas always equal the job's text, whenever the subscriber joined: live messages
 * already covered by the stored text are trimmed, and a gap (text streamed before the subscriber
 * joined but not stored yet) is filled from the next stored version.
 *
 * Messages are read as they arrive, not when the subscriber asks for its next event (graphql-ws
 * asks only once the previous frame is written): what arrives while the subscriber's socket is
 * backed up is folded into one event. A slow subscriber therefore holds at most one pending event,
 * however fast the job streams, and the final event is never dropped.
 *
 * Listening starts before `loadInitial` (a pub/sub iterator listens only once it is first read),
 * so a message published while the row loads is not lost.
 */
export async function followJob(jobId: string, loadInitial: () => Promise<GenerationJob>, deps: FollowDeps): Promise<AsyncIterableIterator<GenerationEvent>> {
  const iterator = deps.messages[Symbol.asyncIterator]();
  const firstMessage = iterator.next();
  let job: GenerationJob;
  try {
    job = await loadInitial();
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  /** Every character known, sent or not. */
  let text = job.output;
  let pending: { unsent: string; restarted: boolean } | undefined = { unsent: text, restarted: false };
  let finalJob: GenerationJob | undefined;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let taken: (() => void) | undefined;
  /** The pending event outlived a turn of the event loop: the subscriber is backed up. */
  let overdue = false;
  const { wait, notify } = createWakeUp();
  const handOver = () => {
    taken?.();
    taken = undefined;
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    notify();
    handOver();
    await iterator.return?.();
  };

  const apply = async (message: GenerationProgressMessage) => {
    if (message.final) {
      const row = (await deps.loadFinal(jobId, message)) ?? { ...job, status: message.status };
      const rest = row.output.startsWith(text) ? row.output.slice(text.length) : '';
      pending = { unsent: (pending?.unsent ?? '') + rest, restarted: pending?.restarted ?? false };
      finalJob = row;
      return;
    }
    if (message.restarted) {
      text = message.delta ?? '';
      pending = { unsent: text, restarted: true };
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
      if (!unsent) return;
      pending = { unsent: (pending?.unsent ?? '') + unsent, restarted: pending?.restarted ?? false };
    } else {
      pending ??= { unsent: '', restarted: false };
    }
    job = { ...job, status: message.status, progress: message.progress, output: text };
  };

  const read = async () => {
    try {
      for (let next = await firstMessage; !next.done && !stopped; next = await iterator.next()) {
        await apply(next.value);
        if (finalJob) break;
        // An event the subscriber takes within this turn (it was waiting, or a burst of messages
        // arrived at once) is its own event. One it has not taken by the next turn means its
        // previous frame is still unwritten: from then on messages are folded into it.
        if (pending && !overdue) {
          const handedOver = new Promise<boolean>((resolve) => (taken = () => resolve(true)));
          notify();
          overdue = !(await Promise.race([handedOver, nextTurn().then(() => false)]));
        }
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      notify();
    }
  };

  if (isTerminal(job.status)) {
    finalJob = job;
    await stop();
  } else {
    void read();
  }

  const done = { done: true, value: undefined } as const;
  const events: AsyncIterableIterator<GenerationEvent> = {
    [Symbol.asyncIterator]: () => events,
    async next(): Promise<IteratorResult<GenerationEvent>> {
      while (!pending && !ended && !stopped) await wait();
      if (!pending) {
        const error = failure;
        await stop();
        if (error) throw error.error;
        return done;
      }
      const { unsent, restarted } = pending;
      pending = undefined;
      overdue = false;
      handOver();
      const event = { job: finalJob ?? job, delta: unsent || null, restarted };
      if (finalJob) await stop();
      return { done: false, value: event };
    },
    async return() {
      pending = undefined;
      await stop();
      return done;
    },
  };
  return events;
}

let turn: Promise<void> | undefined;
/** Resolves in the next turn of the event loop: one timer for every subscriber asking in this turn. */
function nextTurn(): Promise<void> {
  turn ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      turn = undefined;
      resolve();
    }),
  );
  return turn;
}

async function fillGap(jobId: string, text: string, needed: number, deps: FollowDeps): Promise<string> {
  for (let tries = 0; tries < 20; tries++) {
    const row = await deps.load(jobId);
    if (row && row.output.length >= needed && row.output.startsWith(text)) return row.output.slice(0, needed);
    await new Promise((resolve) => setTimeout(resolve, deps.flushWaitMs));
  }
  throw new Error(`Live text of generation job ${jobId} skipped ahead of its stored text.`);
}
