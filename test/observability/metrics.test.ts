import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperationRecorder } from '../../src/graphql/operation-recorder.js';
import { statementLabeler } from '../../src/infra/db/db-metrics.js';
import { createMetrics } from '../../src/infra/metrics.js';
import { dashboardExpressions } from '../deploy/dashboard.js';
import { metricNamesIn } from '../deploy/promql.js';
import { readRepoFile, readYaml } from '../deploy/repo.js';
import { freePort } from '../helpers/free-port.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { familyOf, postGraphQL, type Sample, scrape, scrapeUntil, value, wsClient } from './helpers.js';

const dashboard = JSON.parse(readRepoFile('docker/grafana/dashboards/api.json')) as unknown;
const alertExpressions = readYaml<{ groups: { rules: { expr: string }[] }[] }>('docker/prometheus/alerts.yml').groups.flatMap((g) =>
  g.rules.map((r) => r.expr),
);
const expressions = [...dashboardExpressions(dashboard), ...alertExpressions];

/**
 * Labels a series must carry for an expression to work: those its selector matches on, and
 * those the expression groups by (instance and job are added by Prometheus, le by histograms).
 */
function labelsUsed(expression: string, series: string): string[] {
  const names = new Set<string>();
  for (const m of expression.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
    for (const label of m[1]!
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean))
      names.add(label);
  }
  for (const m of expression.matchAll(/([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g)) {
    if (m[1] !== series) continue;
    for (const matcher of m[2]!.matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)) names.add(matcher[1]!);
  }
  return [...names].filter((l) => !['instance', 'job', 'le'].includes(l));
}

let t: TestApp;
let base: string;
let metricsPort: number;
let ws: Client | undefined;

beforeAll(async () => {
  metricsPort = await freePort();
  t = await createTestApp({ env: { METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' } });
  base = await t.listen();
});
afterAll(async () => {
  await ws?.dispose();
  await t?.close();
});

describe('/metrics after real traffic', () => {
  let samples: Sample[];
  let types: Map<string, string>;

  beforeAll(async () => {
    const signUp = await postGraphQL(base, {
      query: 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: { input: { email: `metrics-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Metric' } },
    });
    const auth = { authorization: `Bearer ${signUp.body.data.signUp.token}` };
    const created = await postGraphQL(base, { query: 'mutation CreatePost { createPost(input: { content: "Measured #ops" }) { id } }' }, auth);
    expect(created.body.errors).toBeUndefined();
    expect((await postGraphQL(base, { query: 'query Me { me { id } }' }, auth)).body.errors).toBeUndefined();
    expect((await postGraphQL(base, { query: '{ posts(first: 5) { totalCount } }' }, auth)).body.errors).toBeUndefined();
    const refused = await postGraphQL(base, { query: 'mutation CreatePost { createPost(input: { content: "anonymous" }) { id } }' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${base}/wp-login.php`)).status).toBe(404);

    ws = wsClient(base, { authorization: auth.authorization });
    const events: unknown[] = [];
    ws.subscribe(
      { query: 'subscription Live($id: ID!) { postMetricsUpdated(postId: $id) { impressions } }', variables: { id: created.body.data.createPost.id } },
      { next: (e) => void events.push(e), error: (e) => void events.push(e), complete: () => {} },
    );
    ({ samples, types } = await scrapeUntil(base, (s) => value(s, 'lpa_graphql_subscriptions_active', { field: 'postMetricsUpdated' }) === 1));
    expect(events).toEqual([]);
  });

  it('has a TYPE line of the right type for every metric the dashboard and the alert rules use', async () => {
    const expected = new Map((await createMetrics().registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)]));
    const used = [...new Set(expressions.flatMap((e) => metricNamesIn(e)))];
    expect(used.length).toBeGreaterThan(20);
    for (const series of used) {
      const family = familyOf(series, types);
      expect(family, `${series} is not in the scrape`).toBeDefined();
      expect(types.get(family!), series).toBe(expected.get(family!));
    }
  });

  it('carries every label the dashboard and alerts group by or match on, wherever samples exist', () => {
    const problems: string[] = [];
    for (const expression of expressions) {
      for (const series of metricNamesIn(expression)) {
        const labels = labelsUsed(expression, series);
        for (const sample of samples.filter((s) => s.name === series)) {
          for (const label of labels) if (!(label in sample.labels)) problems.push(`${series} lacks "${label}" used in ${expression}`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('records HTTP requests by method, bounded route and status, and the requests in flight', () => {
    expect(value(samples, 'lpa_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBe(4);
    expect(value(samples, 'lpa_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '401' })).toBe(1);
    expect(value(samples, 'lpa_http_request_duration_seconds_count', { method: 'GET', route: 'other', status: '404' })).toBe(1);
    expect(samples.some((s) => s.labels.route === '/wp-login.php')).toBe(false);
    // The scrape itself is the one request being served.
    expect(value(samples, 'lpa_http_requests_in_flight')).toBe(1);
  });

  it('records GraphQL operations by name, type and outcome, and errors by code', () => {
    const ops = (labels: Record<string, string>) => value(samples, 'lpa_graphql_operations_total', labels);
    expect(ops({ operation: 'SignUp', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(ops({ operation: 'CreatePost', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(ops({ operation: 'CreatePost', type: 'mutation', outcome: 'error' })).toBe(1);
    expect(ops({ operation: 'Me', type: 'query', outcome: 'ok' })).toBe(1);
    expect(ops({ operation: 'anonymous', type: 'query', outcome: 'ok' })).toBe(1);
    expect(ops({ operation: 'Live', type: 'subscription', outcome: 'ok' })).toBe(1);
    expect(value(samples, 'lpa_graphql_operation_duration_seconds_count', { operation: 'Me', type: 'query' })).toBe(1);
    expect(value(samples, 'lpa_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
  });

  it('records database statements by table and verb, and the pool on PostgreSQL', () => {
    expect(value(samples, 'lpa_db_query_duration_seconds_count', { model: 'users', action: 'insert' })).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'lpa_db_query_duration_seconds_count', { model: 'posts', action: 'select' })).toBeGreaterThanOrEqual(1);
    expect(samples.filter((s) => s.name === 'lpa_db_query_duration_seconds_count').every((s) => !/\d{3,}/.test(s.labels.model!))).toBe(true);
    if (t.backend === 'postgres') {
      expect(value(samples, 'lpa_db_pool_max_connections')).toBe(5);
      expect(value(samples, 'lpa_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(
        samples
          .filter((s) => s.name === 'lpa_db_pool_connections')
          .map((s) => s.labels.state)
          .sort(),
      ).toEqual(['idle', 'total', 'waiting']);
    }
  });

  it('counts open WebSockets and active subscriptions, and lets go of them when the client leaves', async () => {
    expect(value(samples, 'lpa_websocket_connections')).toBe(1);
    expect(value(samples, 'lpa_graphql_subscriptions_active', { field: 'postMetricsUpdated' })).toBe(1);
    await ws!.dispose();
    ws = undefined;
    const after = await scrapeUntil(base, (s) => value(s, 'lpa_websocket_connections') === 0);
    expect(value(after.samples, 'lpa_graphql_subscriptions_active', { field: 'postMetricsUpdated' })).toBe(0);
  });

  it('exports the Node.js process metrics', () => {
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
  });

  it('serves the same registry on METRICS_PORT', async () => {
    const separate = await scrape(`http://127.0.0.1:${metricsPort}`);
    expect(separate.types.get('lpa_graphql_operations_total')).toBe('counter');
    expect(value(separate.samples, 'lpa_graphql_operations_total', { operation: 'SignUp' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
  });
});

describe('label bounds', () => {
  it('names operations after the client, but only the first few hundred distinct names', async () => {
    const metrics = createMetrics();
    const recorder = createOperationRecorder(metrics, 2);
    recorder.record('First', 'query', 0.01, 'ok');
    recorder.record(undefined, 'query', 0.01, 'ok');
    recorder.record('Second', 'mutation', 0.01, 'error');
    recorder.record('Third', 'query', 0.01, 'ok');
    recorder.record('First', 'query', 0.01, 'ok');
    recorder.record('bad name; DROP', 'query', 0.01, 'ok');
    recorder.recordCached('Second', 'mutation', 0.001);
    const counts = (await metrics.graphqlOperations.get()).values.map((v) => `${v.labels.operation}/${v.labels.type}/${v.labels.outcome}=${v.value}`);
    expect(counts.sort()).toEqual(['First/query/ok=2', 'Second/mutation/error=1', 'Second/mutation/ok=1', 'anonymous/query/ok=1', 'other/query/ok=2']);
  });

  it('labels SQL by first table and verb', () => {
    const label = statementLabeler();
    expect(label('SELECT "t0"."id" FROM "public"."posts" AS "t0" WHERE "t0"."id" = $1')).toEqual({ model: 'posts', action: 'select' });
    expect(label('SELECT COUNT(*) FROM (SELECT "public"."users"."id" FROM "public"."users") AS "sub"')).toEqual({ model: 'users', action: 'select' });
    expect(label('INSERT INTO "public"."engagement_events" ("id") VALUES ($1)')).toEqual({ model: 'engagement_events', action: 'insert' });
    expect(label('UPDATE "public"."posts" SET "content" = $1')).toEqual({ model: 'posts', action: 'update' });
    expect(label('DELETE FROM "public"."posts" WHERE "id" = $1')).toEqual({ model: 'posts', action: 'delete' });
    expect(label('BEGIN')).toEqual({ model: 'none', action: 'other' });
    expect(label('SELECT 1')).toEqual({ model: 'none', action: 'select' });
  });
});
