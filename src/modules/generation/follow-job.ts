import type { GenerationJob } from '../../generated/prisma/client.js';
import { type FollowDeps, type GenerationEvent, type GenerationProgressMessage, isTerminal } from './generation-progress.js';

/**
 * Live events of generation jobs for their subscribers. Every subscriber of one job on this instance
 * follows one shared feed: the job's messages are listened to, read and applied once, however many
 * subscribers there are, and subscribers that keep up receive the same event objects (which lets
 * the subscription plugin execute each event once for all of them, see shared-subscription-execution).
 *
 * What one subscriber sees: the current state first (with the text so far as its delta), then every
 * live change, then one final event. Joined in order (starting over at a `restarted` event) the
 * deltas always equal the job's text, whenever the subscriber joined: live messages already covered
 * by the stored text are trimmed, and a gap (text streamed before the feed started but not stored
 * yet) is filled from the next stored version.
 *
 * A subscriber that is still writing its previous frame when messages arrive (graphql-ws asks for
 * the next event only once that frame is written) receives everything it missed as one event when
 * it asks again: it holds no queue of its own, however fast the job streams, and the final event is
 * never dropped. Before it reads the next message, a feed waits (for at most one turn of the event
 * loop) until every subscriber that had all before the newest event has taken it, so a burst that
 * arrives at once still reaches those who keep up as one shared event per message.
 */
export function createJobFollower(deps: FollowDeps) {
  const feeds = new Map<string, JobFeed>();
  return {
    /** Events for one new subscriber of the job (which must exist: `loadInitial` may throw). */
    async follow(jobId: string): Promise<AsyncIterableIterator<GenerationEvent>> {
      let feed = feeds.get(jobId);
      if (!feed) {
        const opened = openFeed(jobId, deps, () => {
          if (feeds.get(jobId) === opened) feeds.delete(jobId);
        });
        feeds.set(jobId, (feed = opened));
      }
      return feed.subscriber();
    },
    /** Jobs with an open feed on this instance. */
    feedCount: () => feeds.size,
  };
}

interface JobFeed {
  subscriber(): Promise<AsyncIterableIterator<GenerationEvent>>;
}

/** Where a subscriber is: the feed's version it last received (-1 before its first event), and the text it had by then. */
interface Cursor {
  version: number;
  length: number;
  epoch: number;
}

/** The feed after one message, and the event that takes a subscriber there from just before it. */
interface Change {
  text: string;
  epoch: number;
  job: GenerationJob;
  final: boolean;
  event: GenerationEvent;
}

const done = { done: true, value: undefined } as const;

/**
 * One job's feed. Listening starts before the first load (a pub/sub iterator listens only once it is
 * first read), so a message published while the row loads is not lost. The feed closes when its
 * last subscriber leaves or its final event is out, and calls `closed` so the next subscriber opens
 * a new one.
 */
function openFeed(jobId: string, deps: FollowDeps, closed: () => void): JobFeed {
  const iterator = deps.messages(jobId)[Symbol.asyncIterator]();
  const firstMessage = iterator.next();
  const changes = createWaiters();

  /** Every character known; `epoch` counts restarts, which void the text before them. */
  let text = '';
  let epoch = 0;
  let job!: GenerationJob;
  let finalJob: GenerationJob | undefined;
  /** Advances with every change a subscriber should see; `latest` takes a subscriber from version - 1 to it. */
  let version = 0;
  let latest: GenerationEvent | undefined;
  let catchUp: { version: number; event: GenerationEvent } | undefined;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  const cursors = new Set<Cursor>();
  let taken: { expected: number; count: number; resolve: () => void } | undefined;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    closed();
    taken?.resolve();
    await iterator.return?.();
  };

  const end = (error?: { error: unknown }) => {
    failure ??= error;
    ended = true;
    closed();
    changes.notify();
  };

  /**
   * What one message changes: the event it makes for subscribers who have everything before it, and
   * the feed's state after it; nothing when subscribers already have it all. It awaits (the final row,
   * a gap) before it decides, and the change is committed in one step, so a subscriber never sees the
   * new text under the old version.
   */
  const apply = async (message: GenerationProgressMessage): Promise<Change | undefined> => {
    if (message.final) {
      const row = (await deps.load(jobId)) ?? { ...job, status: message.status };
      const rest = row.output.startsWith(text) ? row.output.slice(text.length) : '';
      return { text: text + rest, epoch, job: row, final: true, event: { job: row, delta: rest || null, restarted: false } };
    }
    let next = text;
    let delta = '';
    if (message.restarted) {
      next = delta = message.delta ?? '';
    } else if (message.delta) {
      if (message.offset > next.length) {
        const filled = await fillGap(jobId, text, message.offset, deps);
        delta = filled.slice(text.length);
        next = filled;
      }
      if (message.offset + message.delta.length > next.length) {
        const added = message.delta.slice(next.length - message.offset);
        delta += added;
        next += added;
      }
      if (!delta) return undefined;
    }
    const changed = { ...job, status: message.status, progress: message.progress, output: next };
    return {
      text: next,
      epoch: message.restarted ? epoch + 1 : epoch,
      job: changed,
      final: false,
      event: { job: changed, delta: delta || null, restarted: message.restarted },
    };
  };

  const commit = (change: Change) => {
    ({ text, epoch, job } = change);
    if (change.final) finalJob = change.job;
    version += 1;
    latest = change.event;
    changes.notify();
  };

  /** Until the subscribers who had everything before the newest event have taken it, or the next turn. */
  const handOver = async () => {
    let expected = 0;
    for (const cursor of cursors) if (cursor.version === version - 1) expected += 1;
    if (expected === 0) return;
    const handedOver = new Promise<void>((resolve) => (taken = { expected, count: 0, resolve }));
    await Promise.race([handedOver, nextTurn()]);
    taken = undefined;
  };

  const read = async () => {
    try {
      for (let next = await firstMessage; !next.done && !stopped; next = await iterator.next()) {
        const change = await apply(next.value);
        if (!change) continue;
        commit(change);
        if (change.final) break;
        await handOver();
      }
      end();
    } catch (error) {
      end({ error });
    }
    await stop();
  };

  const ready = (async () => {
    try {
      // Never synchronously: a failure must not close the feed before its opener has registered it.
      job = await Promise.resolve().then(() => deps.loadInitial(jobId));
    } catch (error) {
      end({ error });
      await stop();
      throw error;
    }
    text = job.output;
    if (isTerminal(job.status)) {
      finalJob = job;
      end();
      await stop();
    } else {
      void read();
    }
  })();
  // A feed whose load failed rejects every subscriber's `follow`; the rejection is theirs to handle.
  ready.catch(() => {});

  const eventFor = (cursor: Cursor): GenerationEvent => {
    if (cursor.version < 0) {
      if (catchUp?.version !== version) catchUp = { version, event: { job: finalJob ?? job, delta: text || null, restarted: false } };
      return catchUp.event;
    }
    if (cursor.version === version - 1 && latest) return latest;
    const restarted = cursor.epoch !== epoch;
    const delta = restarted ? text : text.slice(cursor.length);
    return { job: finalJob ?? job, delta: delta || null, restarted };
  };

  const leave = async (cursor: Cursor) => {
    cursors.delete(cursor);
    if (cursors.size === 0) await stop();
  };

  return {
    async subscriber() {
      const cursor: Cursor = { version: -1, length: 0, epoch: 0 };
      cursors.add(cursor);
      try {
        await ready;
      } catch (error) {
        cursors.delete(cursor);
        throw error;
      }
      let left = false;
      const events: AsyncIterableIterator<GenerationEvent> = {
        [Symbol.asyncIterator]: () => events,
        async next(): Promise<IteratorResult<GenerationEvent>> {
          if (left) return done;
          while (cursor.version === version && !ended && !left) await changes.wait(cursor);
          if (left) return done;
          if (cursor.version === version) {
            await events.return!();
            if (failure) throw failure.error;
            return done;
          }
          const keptUp = cursor.version === version - 1;
          const event = eventFor(cursor);
          Object.assign(cursor, { version, length: text.length, epoch });
          if (keptUp && taken && ++taken.count >= taken.expected) taken.resolve();
          return { done: false, value: event };
        },
        async return() {
          if (!left) {
            left = true;
            changes.wake(cursor);
            await leave(cursor);
          }
          return done;
        },
      };
      return events;
    },
  };
}

/**
 * Subscribers waiting for the feed's next change: `notify` wakes them all, `wake` only one (a
 * subscriber that leaves), so many leaving at once cost one wake-up each, not one per waiter.
 */
function createWaiters() {
  const waiting = new Map<object, () => void>();
  return {
    wait: (waiter: object) => new Promise<void>((resolve) => waiting.set(waiter, resolve)),
    wake(waiter: object) {
      waiting.get(waiter)?.();
      waiting.delete(waiter);
    },
    notify() {
      // A woken waiter runs (and may wait again) only after this loop, in a later microtask.
      for (const resolve of waiting.values()) resolve();
      waiting.clear();
    },
  };
}

let turn: Promise<void> | undefined;
/** Resolves in the next turn of the event loop: one timer for every feed asking in this turn. */
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
