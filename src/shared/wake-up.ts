/** A reader waiting for a producer that runs ahead of it: `wait` until the next `notify`. */
export function createWakeUp() {
  let wake: (() => void) | undefined;
  return {
    wait: () => new Promise<void>((resolve) => (wake = resolve)),
    notify() {
      wake?.();
      wake = undefined;
    },
  };
}
