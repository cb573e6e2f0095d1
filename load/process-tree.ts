import { readdirSync, readFileSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
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
const treeRssBytes = (pid: number): number => sumOverTree(pid, rssBytes);

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

/** CPU time (ms) of every process on the machine but this one, by pid. */
function otherProcessesCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== process.pid) byPid.set(pid, (cpuTicks(pid) * 1000) / TICKS_PER_SECOND);
  }
  return byPid;
}

/** CPU time spent over a window, in ms: the server's tree (when its pid is known), this process's, and every other process's. */
export interface CpuWindow {
  server?: number;
  loadGenerator: number;
  /** Every process but this one: the server, its database and Redis, and anything else running. */
  others: number;
}

/**
 * Starts measuring CPU time; the returned function ends the window. The load generator is this
 * process (autocannon and the paced client run in it), so every other process's time is what
 * serving took. Per-process times are used rather than /proc/stat's machine-wide ticks, which
 * miss short bursts on a machine that is mostly idle; a process that exits during the window is
 * left out.
 */
export function startCpuWindow(serverPid?: number): () => CpuWindow {
  const server = serverPid === undefined ? undefined : treeCpuMs(serverPid);
  const own = process.cpuUsage();
  const others = otherProcessesCpuMs();
  return () => {
    const used = process.cpuUsage(own);
    let othersMs = 0;
    for (const [pid, ms] of otherProcessesCpuMs()) othersMs += ms - (others.get(pid) ?? 0);
    return {
      ...(server === undefined ? {} : { server: treeCpuMs(serverPid!) - server }),
      loadGenerator: (used.user + used.system) / 1000,
      others: othersMs,
    };
  };
}

/** Polls the tree's RSS and keeps the peak since the last `reset()`. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
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
