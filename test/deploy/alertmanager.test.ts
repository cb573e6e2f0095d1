import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readYaml, repoPath } from './repo.js';
import { requireTool } from './tools.js';

const CONFIG = 'docker/alertmanager/alertmanager.yml';

interface Receiver {
  name: string;
  [integration: string]: unknown;
}
interface Route {
  receiver?: string;
  routes?: Route[];
}
interface AlertmanagerConfig {
  route: Route;
  receivers: Receiver[];
}
interface Compose {
  services: Record<string, { image?: string; command?: string[]; volumes?: string[]; profiles?: string[]; depends_on?: string[] }>;
}

const config = readYaml<AlertmanagerConfig>(CONFIG);
const alertRules = readYaml<{ groups: { rules: { alert?: string; labels?: Record<string, string> }[] }[] }>('docker/prometheus/alerts.yml')
  .groups.flatMap((g) => g.rules)
  .filter((r) => r.alert);

const routeReceivers = (route: Route): string[] => [...(route.receiver ? [route.receiver] : []), ...(route.routes ?? []).flatMap(routeReceivers)];

describe('Alertmanager in docker-compose.yml', () => {
  const compose = readYaml<Compose>('docker-compose.yml');
  const alertmanager = compose.services.alertmanager;

  it('runs with the repository config and without a profile, like Prometheus', () => {
    expect(alertmanager?.image).toMatch(/^prom\/alertmanager:v\d/);
    expect(alertmanager?.profiles).toBeUndefined();
    const mount = alertmanager?.volumes?.find((v) => v.startsWith(`./${CONFIG}:`));
    const target = mount?.split(':')[1];
    expect(target).toBeDefined();
    expect(alertmanager?.command).toContain(`--config.file=${target}`);
  });

  it('is where Prometheus sends its alerts', () => {
    const prometheus = readYaml<{ alerting?: { alertmanagers?: { static_configs?: { targets?: string[] }[] }[] } }>('docker/prometheus/prometheus.yml');
    const targets = prometheus.alerting?.alertmanagers?.flatMap((a) => a.static_configs ?? []).flatMap((s) => s.targets ?? []);
    // 9093 is Alertmanager's default listen port; the service sets no other.
    expect(targets).toEqual(['alertmanager:9093']);
    expect(alertmanager?.command?.some((arg) => arg.startsWith('--web.listen-address'))).toBe(false);
    expect(compose.services.prometheus?.depends_on).toContain('alertmanager');
  });

  it('routes to receivers that exist and deliver somewhere', () => {
    const names = config.receivers.map((r) => r.name);
    expect(routeReceivers(config.route).length).toBeGreaterThan(0);
    for (const name of routeReceivers(config.route)) expect(names).toContain(name);
    for (const receiver of config.receivers) {
      const integrations = Object.keys(receiver).filter((key) => key.endsWith('_configs'));
      expect(integrations.length, `receiver ${receiver.name} has no integration`).toBeGreaterThan(0);
    }
  });
});

const amtool = requireTool('amtool');
const run = (...args: string[]) => execFileSync(amtool.path!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(amtool.skip)('Alertmanager configuration (amtool)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lpa-amtool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('amtool is installed', () => {
    expect(amtool.path, amtool.missing).toBeDefined();
  });

  it('amtool check-config passes', () => {
    expect(run('check-config', repoPath(CONFIG))).toContain('SUCCESS');
  });

  it('rejects a route to a receiver that does not exist, so the check above can fail', () => {
    const file = path.join(dir, 'broken.yml');
    writeFileSync(file, stringify({ ...config, route: { ...config.route, receiver: 'nobody' } }));
    expect(() => run('check-config', file)).toThrow();
  });

  it.each(alertRules.map((r) => [r.alert!, r.labels ?? {}] as const))('%s is routed to a receiver', (alertname, labels) => {
    const labelArgs = Object.entries({ ...labels, alertname }).map(([k, v]) => `${k}=${v}`);
    const receivers = run('config', 'routes', 'test', `--config.file=${repoPath(CONFIG)}`, ...labelArgs)
      .trim()
      .split(/[,\s]+/)
      .filter(Boolean);
    expect(receivers.length).toBeGreaterThan(0);
    for (const name of receivers) expect(config.receivers.map((r) => r.name)).toContain(name);
  });
});
