import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { dashboardExpressions } from './dashboard.js';
import { readRepoFile, repoPath } from './repo.js';
import { requireTool } from './tools.js';

const promtool = requireTool('promtool');
const run = (...args: string[]) => execFileSync(promtool.path!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(promtool.skip)('Prometheus configuration (promtool)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lpa-promtool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('promtool is installed', () => {
    expect(promtool.path, promtool.missing).toBeDefined();
  });

  it('promtool check config passes on prometheus.yml with its rule file', () => {
    // The container reads the rules from /etc/prometheus/alerts.yml; point the copy at the repo's file.
    const config = readRepoFile('docker/prometheus/prometheus.yml');
    expect(config).toContain('/etc/prometheus/alerts.yml');
    copyFileSync(repoPath('docker/prometheus/alerts.yml'), path.join(dir, 'alerts.yml'));
    writeFileSync(path.join(dir, 'prometheus.yml'), config.replaceAll('/etc/prometheus/alerts.yml', path.join(dir, 'alerts.yml')));
    expect(run('check', 'config', path.join(dir, 'prometheus.yml'))).toMatch(/SUCCESS: 1 rule files found/);
  });

  it('promtool check rules passes on alerts.yml', () => {
    expect(run('check', 'rules', repoPath('docker/prometheus/alerts.yml'))).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('the alerts fire on the data in alerts.test.yml and stay quiet below their thresholds', () => {
    expect(run('test', 'rules', repoPath('docker/prometheus/alerts.test.yml'))).toContain('SUCCESS');
  });

  it('every dashboard query is valid PromQL', () => {
    // Grafana's interval variables become a fixed range; other $variables already sit inside strings.
    const expressions = dashboardExpressions(JSON.parse(readRepoFile('docker/grafana/dashboards/api.json')))
      .filter((e) => !e.startsWith('label_values('))
      .map((e) => e.replace(/\$__(rate_interval|interval|range)/g, '5m'));
    const file = path.join(dir, 'dashboard-queries.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules: expressions.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] }));
    expect(run('check', 'rules', file)).toContain(`SUCCESS: ${expressions.length} rules found`);
  });

  it('a broken expression is reported, so the checks above can fail', () => {
    const file = path.join(dir, 'broken.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'broken', rules: [{ alert: 'Broken', expr: 'sum(rate(x[5m])' }] }] }));
    expect(() => run('check', 'rules', file)).toThrow();
  });
});
