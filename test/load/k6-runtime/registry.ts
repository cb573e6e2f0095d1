/** The runner's metric store: k6's four kinds of metric, the samples added to them, and the checks. */
export type MetricType = 'counter' | 'rate' | 'trend';

export interface Metric {
  name: string;
  type: MetricType;
  /** A Trend of durations (k6's `isTime`): its thresholds measure this machine's timing. */
  isTime: boolean;
  values: number[];
}

const metrics = new Map<string, Metric>();
const checks = new Map<string, { passes: number; fails: number }>();

/** k6's built-in metrics this runner records; a threshold may name them before any sample exists. */
const BUILT_IN: Record<string, [MetricType, boolean]> = {
  http_reqs: ['counter', false],
  http_req_duration: ['trend', true],
  http_req_failed: ['rate', false],
  checks: ['rate', false],
  iterations: ['counter', false],
  iteration_duration: ['trend', true],
};

export function metric(name: string, type: MetricType, isTime = false): Metric {
  const existing = metrics.get(name);
  if (existing) {
    if (existing.type !== type) throw new Error(`metric ${name} is already a ${existing.type}, not a ${type}`);
    return existing;
  }
  const created: Metric = { name, type, isTime, values: [] };
  metrics.set(name, created);
  return created;
}

export function add(name: string, type: MetricType, value: number | boolean, isTime = false): void {
  metric(name, type, isTime).values.push(Number(value));
}

/** A metric a threshold names: one the script defined or a built-in; undefined for neither (k6 refuses those). */
export function known(name: string): Metric | undefined {
  const builtIn = BUILT_IN[name];
  return metrics.get(name) ?? (builtIn ? metric(name, ...builtIn) : undefined);
}

export function recordCheck(name: string, passed: boolean): void {
  const counts = checks.get(name) ?? { passes: 0, fails: 0 };
  if (passed) counts.passes++;
  else counts.fails++;
  checks.set(name, counts);
  add('checks', 'rate', passed);
}

export const allMetrics = () => [...metrics.values()];
export const allChecks = () => [...checks.entries()].map(([name, counts]) => ({ name, ...counts }));
