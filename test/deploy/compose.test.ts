import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOYED_HEAP_FLAG } from '../../load/bench-config.js';
import { existsInRepo, readYaml } from './repo.js';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  env_file?: string | (string | { path: string; required?: boolean })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number; resources?: { limits?: { memory?: string } } };
  healthcheck?: { test?: string[] | string; disable?: boolean };
  profiles?: string[];
  command?: string[] | string;
  environment?: Record<string, string>;
  networks?: Record<string, { ipv4_address?: string } | null>;
}
interface Compose {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } }>;
  volumes?: Record<string, unknown>;
}

const compose = readYaml<Compose>('docker-compose.yml');
const services = compose.services;

/** Host paths outside the repository that a mount may name on purpose. */
const HOST_PATHS = new Set(['/var/run/docker.sock']);

interface Mount {
  service: string;
  source: string;
  target: string;
}

function bindMounts(): Mount[] {
  return Object.entries(services).flatMap(([service, s]) =>
    (s.volumes ?? []).flatMap((v) => {
      if (typeof v === 'string') {
        const [source = '', target = ''] = v.split(':');
        return source.startsWith('.') || source.startsWith('/') ? [{ service, source, target }] : [];
      }
      return v.type === 'bind' && v.source ? [{ service, source: v.source, target: v.target ?? '' }] : [];
    }),
  );
}

function namedVolumes(): string[] {
  return Object.values(services).flatMap((s) =>
    (s.volumes ?? []).flatMap((v) => {
      const source = typeof v === 'string' ? v.split(':')[0]! : v.type === 'volume' ? (v.source ?? '') : '';
      return source && !source.startsWith('.') && !source.startsWith('/') ? [source] : [];
    }),
  );
}

const dependency = (s: Service, name: string) => (Array.isArray(s.depends_on) ? { condition: 'service_started' } : s.depends_on?.[name]);

describe('docker-compose.yml', () => {
  it('every bind-mounted host path exists in the repository', () => {
    const mounts = bindMounts();
    expect(mounts.length).toBeGreaterThan(8);
    const missing = mounts.filter((m) => !HOST_PATHS.has(m.source) && !existsInRepo(m.source)).map((m) => `${m.service}: ${m.source}`);
    expect(missing).toEqual([]);
    expect(mounts.filter((m) => m.source.startsWith('/')).every((m) => HOST_PATHS.has(m.source))).toBe(true);
  });

  it('every build context, Dockerfile and required env_file exists', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) {
        const context = typeof s.build === 'string' ? s.build : (s.build.context ?? '.');
        const dockerfile = typeof s.build === 'string' ? 'Dockerfile' : (s.build.dockerfile ?? 'Dockerfile');
        expect(existsInRepo(context), `${name} build context`).toBe(true);
        expect(existsInRepo(path.join(context, dockerfile)), `${name} Dockerfile`).toBe(true);
      }
      const envFiles = s.env_file === undefined ? [] : Array.isArray(s.env_file) ? s.env_file : [s.env_file];
      for (const file of envFiles) {
        const entry = typeof file === 'string' ? { path: file, required: true } : file;
        if (entry.required !== false) expect(existsInRepo(entry.path), `${name} env_file ${entry.path}`).toBe(true);
      }
    }
  });

  it('every named volume is declared', () => {
    const declared = Object.keys(compose.volumes ?? {});
    expect(namedVolumes().filter((v) => !declared.includes(v))).toEqual([]);
  });

  it('the k6 service runs load/k6/mix.js from the repository', () => {
    const k6 = services.k6!;
    expect(k6.profiles).toEqual(['load']);
    const script = (k6.command as string[]).find((arg) => arg.endsWith('.js'))!;
    const mount = bindMounts().find((m) => m.service === 'k6' && script.startsWith(`${m.target}/`))!;
    expect(path.join(mount.source, path.relative(mount.target, script))).toBe(path.join('load', 'k6', 'mix.js'));
    expect(existsInRepo('load/k6/mix.js')).toBe(true);
  });

  it('runs two api replicas after a successful migration, behind nginx', () => {
    const api = services.api!;
    expect(api.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(dependency(api, 'migrate')?.condition).toBe('service_completed_successfully');
    expect(dependency(api, 'postgres')?.condition).toBe('service_healthy');
    expect(dependency(api, 'redis')?.condition).toBe('service_healthy');
    expect(services.migrate!.command).toEqual(['node', 'dist/prisma/migrate.js']);
    expect(services.worker!.command).toEqual(['node', 'dist/src/worker.js']);
    expect(dependency(services.nginx!, 'api')?.condition).toBe('service_healthy');
  });

  it('postgres 16 and redis 7 have health checks', () => {
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.redis!.image).toMatch(/^redis:7/);
    expect(services.postgres!.healthcheck?.test).toBeTruthy();
    expect(services.redis!.healthcheck?.test).toBeTruthy();
  });

  it('keeps the log stack and the load generator behind profiles', () => {
    expect(services.loki!.profiles).toEqual(['logs']);
    expect(services.alloy!.profiles).toEqual(['logs']);
    for (const name of ['api', 'worker', 'postgres', 'redis', 'nginx', 'prometheus', 'alertmanager', 'grafana'])
      expect(services[name]!.profiles).toBeUndefined();
  });

  it('gives api and worker the 512M memory limit the memory alert divides by', () => {
    const alerts = readYaml<{ groups: { rules: { alert?: string; expr: string }[] }[] }>('docker/prometheus/alerts.yml');
    const memory = alerts.groups.flatMap((g) => g.rules).find((r) => r.alert === 'HighMemoryUsage')!;
    expect(memory.expr).toContain(String(512 * 1024 * 1024));
    expect(services.api!.deploy?.resources?.limits?.memory).toBe('512M');
    expect(services.worker!.deploy?.resources?.limits?.memory).toBe('512M');
  });

  it('gives the API the heap limit the benchmark measures it with', () => {
    expect(services.api!.environment?.NODE_OPTIONS).toContain(DEPLOYED_HEAP_FLAG);
    expect(readYaml<{ data: Record<string, string> }>('docker/k8s/configmap.yaml').data.NODE_OPTIONS).toContain(DEPLOYED_HEAP_FLAG);
  });
});

describe('the api behind nginx', () => {
  it("trusts X-Forwarded-For from nginx's fixed address only, so each client has its own rate limits", () => {
    const nginxAddress = services.nginx?.networks?.default?.ipv4_address;
    expect(nginxAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(services.api?.environment?.TRUST_PROXY).toBe(nginxAddress);
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    expect(nginxAddress!.startsWith(subnet.split('.').slice(0, 3).join('.'))).toBe(true);
  });
});
