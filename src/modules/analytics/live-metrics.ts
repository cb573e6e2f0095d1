import type { MetricTotals } from './metric-totals.rules.js';

/** At most one update per post per window: ~4 a second, enough for a live counter. */
const LIVE_METRICS_WINDOW_MS = 250;

type Publish = (postId: string, totals: MetricTotals) => void;

/** Totals only grow, so the field-wise maximum is the newest of two snapshots that raced. */
const newest = (a: MetricTotals, b: MetricTotals): MetricTotals => ({
  impressions: Math.max(a.impressions, b.impressions),
  reactions: Math.max(a.reactions, b.reactions),
  comments: Math.max(a.comments, b.comments),
  reposts: Math.max(a.reposts, b.reposts),
  clicks: Math.max(a.clicks, b.clicks),
});

/**
 * Coalesces per-post totals updates: the first one goes out at once, later ones within the window
 * are merged and the newest goes out when the window closes (so the last state always arrives).
 */
export function createLiveMetrics(publish: Publish, windowMs = LIVE_METRICS_WINDOW_MS) {
  const windows = new Map<string, { timer: NodeJS.Timeout; pending?: MetricTotals }>();

  function open(postId: string) {
    const timer = setTimeout(() => close(postId), windowMs);
    timer.unref();
    windows.set(postId, { timer });
  }

  function close(postId: string) {
    const pending = windows.get(postId)?.pending;
    windows.delete(postId);
    if (pending) {
      publish(postId, pending);
      open(postId);
    }
  }

  return {
    totalsChanged(postId: string, totals: MetricTotals) {
      const window = windows.get(postId);
      if (!window) {
        publish(postId, totals);
        open(postId);
      } else {
        window.pending = window.pending ? newest(window.pending, totals) : totals;
      }
    },
    /** Sends what is pending now and stops every timer (on shutdown). */
    flush() {
      for (const [postId, { timer, pending }] of windows) {
        clearTimeout(timer);
        if (pending) publish(postId, pending);
      }
      windows.clear();
    },
  };
}
