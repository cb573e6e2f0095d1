import { describe, expect, it } from 'vitest';
import { metricNamesIn } from './promql.js';

describe('metricNamesIn', () => {
  it.each([
    ['up', ['up']],
    ['sum by (le) (rate(lpa_x_bucket{a="b",c=~"d|e"}[5m]))', ['lpa_x_bucket']],
    ['histogram_quantile(0.95, sum by (operation, le) (rate(lpa_y_bucket{instance=~"$instance"}[$__rate_interval])))', ['lpa_y_bucket']],
    ['sum(rate(a_total[5m])) / sum(rate(b_total[5m])) > 0.01', ['a_total', 'b_total']],
    ['a > 0 and on (instance) b >= max by (instance) (c)', ['a', 'b', 'c']],
    ['x / on(job) group_left(version) y', ['x', 'y']],
    ['z offset 1h > 1e3', ['z']],
    ['{__name__="named_metric", job="api"}', ['named_metric']],
    ['max_over_time(q[10m:1m]) unless r', ['q', 'r']],
    ['label_values(process_cpu_seconds_total{job=~"$job"}, instance)', ['process_cpu_seconds_total']],
    ['sum by (cache) (rate(m{label="has {braces} and by (x)"}[5m]))', ['m']],
    ['a_metric:recorded * 2', ['a_metric:recorded']],
    ['topk(10, foo) or vector(0)', ['foo']],
  ])('%s', (expression, expected) => {
    expect(metricNamesIn(expression).sort()).toEqual([...expected].sort());
  });
});
