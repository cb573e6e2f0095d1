/**
 * k6 threshold expressions ("p(95)<100", "rate<0.001", "count>0") evaluated over a metric's samples
 * with k6's aggregations (its Trend percentiles interpolate between the closest ranks).
 */
import type { Metric } from './registry.js';

const EXPRESSION = /^\s*(avg|min|max|med|count|rate|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

const AGGREGATIONS: Record<Metric['type'], string[]> = {
  counter: ['count', 'rate'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = fraction * (sorted.length - 1);
  const low = sorted[Math.floor(rank)]!;
  const high = sorted[Math.ceil(rank)]!;
  return low + (high - low) * (rank - Math.floor(rank));
}

function aggregate(metric: Metric, method: string, pct: number, elapsedSeconds: number): number {
  const values = metric.values;
  const sum = values.reduce((a, b) => a + b, 0);
  if (method === 'count') return sum;
  if (method === 'rate') return metric.type === 'counter' ? sum / elapsedSeconds : values.filter((v) => v !== 0).length / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  if (method === 'avg') return sum / values.length;
  if (method === 'min') return sorted[0] ?? Number.NaN;
  if (method === 'max') return sorted.at(-1) ?? Number.NaN;
  if (method === 'med') return percentile(sorted, 0.5);
  return percentile(sorted, pct / 100);
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

export interface ThresholdResult {
  metric: string;
  expression: string;
  value: number;
  ok: boolean;
}

/** One threshold; a metric without samples fails it (k6 would leave it unevaluated, and then it proves nothing). */
export function evaluate(metric: Metric, expression: string, elapsedSeconds: number): ThresholdResult {
  const match = EXPRESSION.exec(expression);
  if (!match) throw new Error(`threshold "${expression}" on ${metric.name} is not an expression this runner reads`);
  const [, method, pct, operator, bound] = match as unknown as [string, string, string | undefined, string, string];
  const name = method.startsWith('p(') ? 'p' : method;
  if (!AGGREGATIONS[metric.type].includes(name)) throw new Error(`threshold "${expression}": a ${metric.type} has no ${method}`);
  // Counters count 0 without samples; a rate or a trend of nothing has no value.
  const value = metric.values.length === 0 && metric.type !== 'counter' ? Number.NaN : aggregate(metric, name, Number(pct), elapsedSeconds);
  return { metric: metric.name, expression, value, ok: !Number.isNaN(value) && COMPARE[operator]!(value, Number(bound)) };
}
