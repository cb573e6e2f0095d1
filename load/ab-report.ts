import { alignedTable, cpuCell, divide, errorsCell, fixed, type Machine, type ScenarioResult, writeJson } from './report.js';

/** B's CPU per request divided by A's: below 1, B answers for less CPU. */
export interface CpuRatios {
  /** The API's own processes. */
  server?: number;
  /** Every process on the machine but the load generator: the API, PostgreSQL and Redis. */
  serving?: number;
}

/** One pair: A (the ref) measured, then B (the checkout), each on a fresh server. */
export interface AbPair {
  a: ScenarioResult;
  b: ScenarioResult;
  bOverA: CpuRatios;
}

/** One scenario against one variant of the API, over every pair. */
export interface AbCaseResult {
  scenario: string;
  target: string;
  mode: string;
  pairs: AbPair[];
  /** The median of the pairs' ratios (over the pairs where both sides were measured). */
  medianBOverA: CpuRatios;
  /** Each side's median peak RSS of the server (its process tree) over the pairs that side measured, in MB. */
  medianRssPeakMb: { a?: number; b?: number };
}

export interface AbResults {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  /** A: the ref as given and the commit it resolved to. */
  a: { ref: string; sha: string };
  /** B: this checkout's commit, and whether its working tree (what B ran) differed from it. */
  b: { sha: string; dirty: boolean };
  machine: Machine;
  dataset: { users: number; posts: number; events: number };
  settings: {
    connections: number;
    durationSec: number;
    pairs: number;
    nodeOptions?: { a: string; b: string };
    env?: { a: Record<string, string>; b: Record<string, string> };
    notes: string[];
  };
  cases: AbCaseResult[];
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function bOverA(a: ScenarioResult, b: ScenarioResult): CpuRatios {
  if (a.status !== 'ok' || b.status !== 'ok') return {};
  return {
    server: divide(b.cpuMsPerRequest?.server, a.cpuMsPerRequest?.server),
    serving: divide(b.cpuMsPerRequest?.serving, a.cpuMsPerRequest?.serving),
  };
}

const rssPeak = (r: ScenarioResult) => (r.status === 'ok' ? r.rssPeakMb : undefined);

const known = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);

/** A case's pairs with each pair's B÷A ratios, and their medians. */
export function abCaseResult(scenario: string, target: string, mode: string, runs: readonly { a: ScenarioResult; b: ScenarioResult }[]): AbCaseResult {
  const pairs = runs.map(({ a, b }) => ({ a, b, bOverA: bOverA(a, b) }));
  return {
    scenario,
    target,
    mode,
    pairs,
    medianBOverA: {
      server: median(known(pairs.map((p) => p.bOverA.server))),
      serving: median(known(pairs.map((p) => p.bOverA.serving))),
    },
    medianRssPeakMb: { a: median(known(pairs.map((p) => rssPeak(p.a)))), b: median(known(pairs.map((p) => rssPeak(p.b)))) },
  };
}

const COLUMNS = [
  'scenario',
  'target',
  'pair',
  'build',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'CPU ms/req',
  'peak RSS MB',
  'B÷A server CPU',
  'B÷A serving CPU',
  'notes',
];

const times = (value: number | undefined) => (value === undefined ? '-' : `×${fixed(value, 3)}`);

function side(c: AbCaseResult, pair: string, build: string, r: ScenarioResult, ratios?: CpuRatios): string[] {
  const ratioCells = ratios ? [times(ratios.server), times(ratios.serving)] : ['', ''];
  if (r.status !== 'ok')
    return [c.scenario, c.target, pair, build, r.status, '', '', '', '', '', ...ratioCells, (r.reason ?? '').replace(/\s+/g, ' ').slice(0, 80)];
  return [
    c.scenario,
    c.target,
    pair,
    build,
    fixed(r.requestsPerSec, 0),
    fixed(r.latencyMs?.p50, 1),
    fixed(r.latencyMs?.p99, 1),
    errorsCell(r),
    cpuCell(r.cpuMsPerRequest),
    fixed(r.rssPeakMb, 0),
    ...ratioCells,
    '',
  ];
}

/** The median row's peak RSS cell: A's median, then B's. */
const rssMedians = (c: AbCaseResult) => `${fixed(c.medianRssPeakMb.a, 0)} / ${fixed(c.medianRssPeakMb.b, 0)}`;

/**
 * The pairs as a table like the harness's (A's row, then B's with its ratios to A), a median row per case,
 * then one line per case with the medians and what A and B were.
 */
export function formatAbTable(results: AbResults): string {
  const a = `A ${results.a.sha.slice(0, 7)}`;
  const b = `B ${results.b.sha.slice(0, 7)}${results.b.dirty ? '+' : ''}`;
  const rows = results.cases.flatMap((c) => [
    ...c.pairs.flatMap((p, i) => [side(c, String(i + 1), a, p.a), side(c, String(i + 1), b, p.b, p.bOverA)]),
    [c.scenario, c.target, 'median', '', '', '', '', '', '', rssMedians(c), times(c.medianBOverA.server), times(c.medianBOverA.serving), ''],
  ]);
  const summaries = results.cases.map((c) => {
    const measured = known(c.pairs.map((p) => p.bOverA.serving)).length;
    return (
      `${c.scenario} @ ${c.target}: B÷A CPU per request, median of ${measured} of ${c.pairs.length} pairs: server ${times(c.medianBOverA.server)}, serving ${times(c.medianBOverA.serving)}; ` +
      `median peak RSS A ${fixed(c.medianRssPeakMb.a, 0)} MB, B ${fixed(c.medianRssPeakMb.b, 0)} MB`
    );
  });
  const legend = `A = ${results.a.ref} (${results.a.sha}), B = this checkout at ${results.b.sha}${results.b.dirty ? ' with uncommitted changes (+)' : ''}`;
  return [...alignedTable(COLUMNS, rows), ...summaries, legend].join('\n');
}

export function writeAbResults(dir: string, results: AbResults): Promise<string> {
  return writeJson(dir, 'latest-ab.json', results);
}
