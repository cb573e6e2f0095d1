import { readFileSync, readdirSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The sum of `measure` over a process and all its descendants. */
function sumOverTree(pid: number, measure: (pid: number) => number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop()!;
    total += measure(next);
    pending.push(...childrenOf(next));
  }
  return total;
}

/** Resident memory of a process and all its descendants. */
export const treeRssBytes = (pid: number): number => sumOverTree(pid, rssBytes);

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process and all its descendants have used so far, in ms. */
export const treeCpuMs = (pid: number): number => (sumOverTree(pid, cpuTicks) * 1000) / TICKS_PER_SECOND;

/** Polls the tree's RSS and keeps the peak since the last `reset()`. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 200) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    this.peak = Math.max(this.peak, treeRssBytes(this.pid));
  }

  reset(): void {
    this.peak = 0;
    this.sample();
  }

  peakBytes(): number {
    this.sample();
    return this.peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
