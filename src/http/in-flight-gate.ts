export type InFlightGate = ReturnType<typeof createInFlightGate>;

/** Caps the requests one process serves at once, so overload sheds work instead of queueing it. */
export function createInFlightGate(max: number) {
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    /** True when the request may proceed; call the returned release exactly once when it ends. */
    tryEnter(): (() => void) | undefined {
      if (inFlight >= max) return undefined;
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
      };
    },
  };
}
