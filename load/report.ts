import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LatencySummary } from './stats.js';

export interface FanoutStats {
  subscribers: number;
  connected: number;
  jobs: number;
  eventsReceived: number;
  /** How the latency was measured (see load/scenarios/subscriptions.ts). */
  method: string;
  latencyMs: LatencySummary;
  /** Per event: time between the first and the last subscriber receiving it. */
  spreadMs: LatencySummary;
  completedSubscriptions: number;
  /** CPU time (user + system) from the release to the end, per delivery: the server's, and this load generator's (all its clients). */
  cpuMsPerDelivery?: { server?: number; clients: number };
  /** Event-loop delay of this load generator from the release to the end: how much of the latency could be the clients' own. */
  clientLoopDelayMs?: { p50: number; p99: number; max: number };
}

/** CPU milliseconds per request over the measured window (user + system, from /proc). */
export interface CpuPerRequest {
  /** The target's own processes (the server and its children), when the harness started them. */
  server?: number;
  /** Every process on the machine but the load generator: the server, its database and Redis. */
  serving: number;
  /** This process: autocannon or the paced client. */
  loadGenerator: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  target: string;
  mode: string;
  status: 'ok' | 'unavailable' | 'failed';
  reason?: string;
  /** Operations of a mix left out because the server does not answer them. */
  omitted?: string[];
  requests?: number;
  durationSec?: number;
  requestsPerSec?: number;
  latencyMs?: LatencySummary;
  non2xx?: number;
  graphqlErrors?: number;
  transportErrors?: number;
  errorRate?: number;
  errorSamples?: string[];
  eventsPerSec?: number;
  rssPeakMb?: number;
  sqlPerRequest?: number;
  cacheHitRate?: number;
  cpuMsPerRequest?: CpuPerRequest;
  /** Mean bytes of a response as received, head and body. */
  bytesPerResponse?: number;
  /** For scenarios mixing operations: look-ups and hit rate of each (by its operation name). */
  cacheHitByOperation?: Record<string, { lookups: number; hitRate: number }>;
  fanout?: FanoutStats;
}

const cpuNote = (fanout: FanoutStats) => {
  const cpu = fanout.cpuMsPerDelivery;
  if (!cpu) return '';
  const loop = fanout.clientLoopDelayMs ? `, client loop delay p99 ${fixed(fanout.clientLoopDelayMs.p99, 1)} ms` : '';
  return `, CPU ms/delivery: server ${fixed(cpu.server, 3)}, clients ${fixed(cpu.clients, 3)}${loop}`;
};

export interface Ratio {
  name: string;
  scenario: string;
  baseline: string;
  /** Scenario requests/s divided by the baseline's. */
  throughput?: number;
  /** Scenario p99 divided by the baseline's. */
  p99?: number;
  /** Scenario serving CPU per request divided by the baseline's: how many times the CPU an answer costs. */
  servingCpu?: number;
  /** The same for the target's own processes only (the steadier figure on a busy machine); set by `ratio(…, { server: true })`. */
  serverCpu?: number;
  /** Scenario bytes per response divided by the baseline's (autocannon's runs). */
  bytes?: number;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  gitSha: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews results. */
  loadAverage: { start: number; end: number };
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  /** Set when `--only` ran a subset. */
  only?: string[];
  machine: Machine;
  dataset: { users: number; posts: number; events: number };
  settings: { connections: number; durationSec: number; notes: string[] };
  scenarios: ScenarioResult[];
  ratios: Ratio[];
}

export function describeMachine(root: string, loadAtStart: number): Machine {
  let gitSha = 'unknown';
  try {
    gitSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    gitSha,
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
  };
}

function find(results: ScenarioResult[], name: string, target: string): ScenarioResult | undefined {
  return results.find((r) => r.name === name && r.target === target && r.status === 'ok');
}

/** `x ÷ y`, undefined when either is unknown or `y` is zero. */
export const divide = (x?: number, y?: number) => (x !== undefined && y ? x / y : undefined);

export function ratio(
  results: ScenarioResult[],
  name: string,
  scenario: [string, string],
  baseline: [string, string],
  options: { server?: boolean; bytes?: boolean } = {},
): Ratio {
  const a = find(results, ...scenario);
  const b = find(results, ...baseline);
  return {
    name,
    scenario: scenario.join('@'),
    baseline: baseline.join('@'),
    throughput: divide(a?.requestsPerSec, b?.requestsPerSec),
    p99: divide(a?.latencyMs?.p99, b?.latencyMs?.p99),
    servingCpu: divide(a?.cpuMsPerRequest?.serving, b?.cpuMsPerRequest?.serving),
    ...(options.server ? { serverCpu: divide(a?.cpuMsPerRequest?.server, b?.cpuMsPerRequest?.server) } : {}),
    ...(options.bytes ? { bytes: divide(a?.bytesPerResponse, b?.bytesPerResponse) } : {}),
  };
}

export const fixed = (value: number | undefined, digits: number) => (value === undefined ? '-' : value.toFixed(digits));
const percent = (value: number | undefined) =>
  value === undefined ? '-' : value > 0 && value < 0.0001 ? '<0.01%' : `${(value * 100).toFixed(value < 0.01 && value > 0 ? 2 : 1)}%`;

const COLUMNS = [
  'scenario',
  'target',
  'mode',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'errors',
  'RSS MB',
  'CPU ms/req',
  'SQL/req',
  'cache hit',
  'notes',
] as const;

const cpuMs = (value: number | undefined) => fixed(value, value !== undefined && value < 1 ? 3 : 2);
/** "server / serving" (see `CpuPerRequest`). */
export const cpuCell = (cpu: CpuPerRequest | undefined) => (cpu ? `${cpuMs(cpu.server)} / ${cpuMs(cpu.serving)}` : '-');

/** The failed answers (HTTP, GraphQL `errors`, transport) and their share of all. */
export const errorsCell = (r: ScenarioResult) =>
  r.errorRate === undefined ? '-' : `${(r.non2xx ?? 0) + (r.graphqlErrors ?? 0) + (r.transportErrors ?? 0)} (${percent(r.errorRate)})`;

function row(r: ScenarioResult): string[] {
  if (r.status !== 'ok') return [r.name, r.target, r.mode, r.status, '', '', '', '', '', '', '', '', (r.reason ?? '').replace(/\s+/g, ' ').slice(0, 80)];
  const notes =
    r.eventsPerSec !== undefined
      ? `${Math.round(r.eventsPerSec)} events/s`
      : r.fanout
        ? `${r.fanout.connected}/${r.fanout.subscribers} subs, ${r.fanout.eventsReceived} deliveries, spread p99 ${fixed(r.fanout.spreadMs.p99, 1)} ms${cpuNote(r.fanout)}`
        : r.omitted
          ? `without ${r.omitted.join(', ')} (unavailable)`
          : r.cacheHitByOperation
            ? `hit by operation: ${Object.entries(r.cacheHitByOperation)
                .map(([name, { hitRate }]) => `${name} ${percent(hitRate)}`)
                .join(', ')}`
            : '';
  const latency = r.latencyMs ?? r.fanout?.latencyMs;
  return [
    r.name,
    r.target,
    r.mode,
    fixed(r.requestsPerSec, 0),
    fixed(latency?.p50, 1),
    fixed(latency?.p95, 1),
    fixed(latency?.p99, 1),
    errorsCell(r),
    fixed(r.rssPeakMb, 0),
    cpuCell(r.cpuMsPerRequest),
    fixed(r.sqlPerRequest, 2),
    percent(r.cacheHitRate),
    notes,
  ];
}

/** The lines of a plain-text table (Markdown-compatible): the header, its rule, then the rows, each column padded to its widest cell. */
export function alignedTable(header: readonly string[], rows: string[][]): string[] {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

/** A plain-text table (Markdown-compatible) of every scenario, then the ratios. */
export function formatTable(results: ScenarioResult[], ratios: Ratio[] = []): string {
  const out = alignedTable(COLUMNS, results.map(row));
  for (const r of ratios) {
    out.push(
      `${r.name}: throughput ×${fixed(r.throughput, 3)}, p99 ×${fixed(r.p99, 2)}, serving CPU per request ×${fixed(r.servingCpu, 2)}` +
        `${'serverCpu' in r ? `, server CPU per request ×${fixed(r.serverCpu, 2)}` : ''}${'bytes' in r ? `, bytes per response ×${fixed(r.bytes, 3)}` : ''}` +
        ` (${r.scenario} vs ${r.baseline})`,
    );
  }
  return out.join('\n');
}

/** Writes `data` as indented JSON to `dir/name` (creating `dir`) and returns the file's path. */
export async function writeJson(dir: string, name: string, data: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export function writeResults(dir: string, results: BenchResults): Promise<string> {
  return writeJson(dir, results.only ? 'latest-partial.json' : results.quick ? 'latest-quick.json' : 'latest.json', results);
}
