/**
 * Gathers the text a writer releases within one turn of the event loop into one progress message.
 * The post-processor often releases several pieces at once (the held-back first line, then the
 * hashtags), and every message costs one delivery to every subscriber of the job.
 */
export function createDeltaBatcher(send: (offset: number, delta: string) => void) {
  let offset = 0;
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    clearImmediate(scheduled);
    scheduled = undefined;
    if (!pending) return;
    const delta = pending;
    pending = '';
    send(offset, delta);
  };
  return {
    add(at: number, delta: string) {
      if (!pending) offset = at;
      pending += delta;
      scheduled ??= setImmediate(flush);
    },
    /** Sends what is pending now: before any later message, so subscribers see the text in order. */
    flush,
  };
}
