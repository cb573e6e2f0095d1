import { badInput, type FieldProblem } from '../../shared/errors.js';

export const METRIC_INTERVALS = ['HOUR', 'DAY', 'WEEK'] as const;
export type MetricInterval = (typeof METRIC_INTERVALS)[number];

const DAY_MS = 24 * 3600_000;
const MAX_RANGE_MS = 731 * DAY_MS;
/** An hourly series longer than this would be thousands of points; ask for DAY instead. */
const MAX_HOURLY_RANGE_MS = 31 * DAY_MS;

/** [from, to): counts are kept per UTC hour, so every hour that overlaps the range counts in full. */
export interface TimeRange {
  from: Date;
  to: Date;
}

export function checkRange({ from, to }: TimeRange): TimeRange {
  const problems: FieldProblem[] = [];
  if (from.getTime() >= to.getTime()) problems.push({ path: 'from', message: 'must be before `to`' });
  else if (to.getTime() - from.getTime() > MAX_RANGE_MS) problems.push({ path: 'to', message: 'the range must be at most two years' });
  if (problems.length) throw badInput(problems);
  return { from, to };
}

export function checkSeriesRange(range: TimeRange, interval: MetricInterval): TimeRange {
  checkRange(range);
  if (interval === 'HOUR' && range.to.getTime() - range.from.getTime() > MAX_HOURLY_RANGE_MS) {
    throw badInput([{ path: 'interval', message: 'HOUR series cover at most 31 days; use DAY or WEEK for longer ranges' }]);
  }
  return range;
}
