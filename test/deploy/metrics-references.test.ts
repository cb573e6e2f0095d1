import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/infra/metrics.js';
import { dashboardExpressions } from './dashboard.js';
import { metricNamesIn } from './promql.js';
import { readRepoFile, readYaml } from './repo.js';

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

/** Every series name the service exposes: histograms and summaries as their _bucket/_sum/_count series. */
async function exposedSeriesNames(): Promise<Set<string>> {
  const { registry } = createMetrics();
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    const type = String(metric.type);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    else if (type === 'summary') for (const s of ['', '_sum', '_count']) names.add(metric.name + s);
    else names.add(metric.name);
  }
  return names;
}

const dashboard = JSON.parse(readRepoFile('docker/grafana/dashboards/api.json')) as Record<string, unknown>;
const rules = readYaml<RuleFile>('docker/prometheus/alerts.yml');
const alerts = rules.groups.flatMap((g) => g.rules).filter((r) => r.alert);

describe('metrics used by the dashboard and the alert rules', () => {
  it('the dashboard uses only metrics the service exports', async () => {
    const exposed = await exposedSeriesNames();
    const expressions = dashboardExpressions(dashboard);
    expect(expressions.length).toBeGreaterThan(30);
    const unknown = expressions.flatMap((e) =>
      metricNamesIn(e)
        .filter((n) => !exposed.has(n))
        .map((n) => `${n} in ${e}`),
    );
    expect(unknown).toEqual([]);
  });

  it('the alert rules use only metrics the service exports', async () => {
    const exposed = await exposedSeriesNames();
    const unknown = alerts.flatMap((r) =>
      metricNamesIn(r.expr)
        .filter((n) => !exposed.has(n))
        .map((n) => `${n} in ${r.alert}`),
    );
    expect(unknown).toEqual([]);
  });

  it('the check catches a misspelt metric', async () => {
    const exposed = await exposedSeriesNames();
    expect(metricNamesIn('sum(rate(lpa_http_request_duration_seconds_count[5m]))').every((n) => exposed.has(n))).toBe(true);
    expect(metricNamesIn('sum(rate(lpa_http_requests_total[5m]))').every((n) => exposed.has(n))).toBe(false);
  });

  it('the dashboard covers every area the operators watch', () => {
    const all = dashboardExpressions(dashboard).join('\n');
    for (const metric of [
      'lpa_http_request_duration_seconds_count',
      'lpa_graphql_operations_total',
      'lpa_graphql_operation_duration_seconds_bucket',
      'lpa_cache_requests_total',
      'lpa_db_query_duration_seconds_bucket',
      'lpa_db_pool_connections',
      'lpa_rate_limit_rejections_total',
      'lpa_llm_requests_total',
      'lpa_llm_request_duration_seconds_bucket',
      'lpa_llm_tokens_total',
      'lpa_llm_circuit_breaker_state',
      'lpa_queue_jobs',
      'lpa_queue_jobs_finished_total',
      'lpa_websocket_connections',
      'lpa_graphql_subscriptions_active',
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(all, metric).toContain(metric);
    for (const q of ['0.5', '0.95', '0.99']) expect(all).toContain(`histogram_quantile(${q}, sum by (le) (rate(lpa_graphql_operation_duration_seconds_bucket`);
  });

  it('every dashboard panel has a unique id and reads the provisioned Prometheus data source', () => {
    const panels = dashboard.panels as { id: number; type: string; datasource?: { uid: string } }[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const provisioned = readYaml<{ datasources: { uid: string }[] }>('docker/grafana/provisioning/datasources/datasources.yml');
    const uids = new Set(provisioned.datasources.map((d) => d.uid));
    for (const panel of panels.filter((p) => p.type !== 'row')) expect(uids.has(panel.datasource?.uid ?? '')).toBe(true);
  });
});

describe('alert rules', () => {
  it.each([
    ['HighErrorRate', '> 0.01'],
    ['HighAverageLatency', '> 0.2'],
    ['HighMemoryUsage', '> 0.8'],
    ['DatabasePoolExhausted', 'lpa_db_pool_max_connections'],
    ['LowCacheHitRate', '< 0.7'],
    ['LLMCircuitBreakerOpen', '== 2'],
    ['QueueBacklogGrowing', 'deriv('],
    ['RedisUnreachable', 'lpa_redis_up'],
    ['UnhandledPromiseRejections', 'lpa_unhandled_rejections_total'],
  ])('%s exists with its threshold, a for: duration, a severity and annotations', (name, threshold) => {
    const rule = alerts.find((r) => r.alert === name);
    expect(rule, name).toBeDefined();
    expect(rule!.expr).toContain(threshold);
    expect(rule!.for).toMatch(/^\d+[smh]$/);
    expect(['critical', 'warning', 'info']).toContain(rule!.labels?.severity);
    expect(rule!.annotations?.summary).toBeTruthy();
    expect(rule!.annotations?.description).toBeTruthy();
  });

  it('every alert has a for: duration, a severity, a summary and a description', () => {
    for (const rule of alerts) {
      expect(rule.for, rule.alert).toBeTruthy();
      expect(rule.labels?.severity, rule.alert).toBeTruthy();
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });
});
