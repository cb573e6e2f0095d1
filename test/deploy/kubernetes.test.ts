import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { existsInRepo, readRepoFile, readYaml, readYamlDocuments, repoPath } from './repo.js';

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: {
    replicas?: number;
    strategy?: { rollingUpdate?: { maxUnavailable?: number | string } };
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    scaleTargetRef?: { kind: string; name: string };
    metrics?: { resource?: { name: string } }[];
    minReplicas?: number;
    ports?: { targetPort: string | number }[];
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const dir = 'docker/k8s';
const manifests = readdirSync(repoPath(dir))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => readYamlDocuments(`${dir}/${f}`).map((m) => ({ file: f, ...(m as Manifest) })));
const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const deployments = byKind('Deployment');
const api = deployments.find((d) => d.metadata.name === 'linkedin-posts-api')!;
const config = byKind('ConfigMap')[0]!.data!;
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('Kubernetes manifests', () => {
  it('parse, and kustomization lists files that exist', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['linkedin-posts-api', 'linkedin-posts-api-worker']);
    for (const kind of ['Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ConfigMap', 'Secret', 'Job'])
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    const kustomization = readYaml<{ resources: string[] }>(`${dir}/kustomization.yaml`);
    for (const resource of kustomization.resources) expect(existsInRepo(`${dir}/${resource}`), resource).toBe(true);
    expect(kustomization.resources).not.toContain('secret.example.yaml');
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))('%s has probes, requests, limits and a locked-down non-root container', (_, deployment) => {
    const pod = deployment.spec!.template!.spec;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    for (const c of pod.containers) {
      expect(c.readinessProbe?.httpGet, `${c.name} readiness`).toBeDefined();
      expect(c.livenessProbe?.httpGet, `${c.name} liveness`).toBeDefined();
      expect(c.startupProbe?.httpGet, `${c.name} startup`).toBeDefined();
      for (const probe of [c.readinessProbe!, c.livenessProbe!, c.startupProbe!]) {
        expect(c.ports?.map((p) => p.name)).toContain(probe.httpGet!.port);
      }
      expect(c.resources?.requests?.cpu && c.resources.requests.memory).toBeTruthy();
      expect(c.resources?.limits?.cpu && c.resources.limits.memory).toBeTruthy();
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    }
    expect(deployment.spec!.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it('the api rolls out with no unavailable pod, probes the health endpoints and drains before stopping', () => {
    expect(api.spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(api.spec!.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    const pod = api.spec!.template!.spec;
    const container = pod.containers[0]!;
    expect(container.args).toEqual(['node', 'dist/src/index.js']);
    expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
    const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    const drainSeconds = Number(preStop[1]) + Number(config.SHUTDOWN_TIMEOUT_MS) / 1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
  });

  it('every pod template, the migration Job included, sets resource limits', () => {
    for (const m of [...deployments, ...byKind('Job')]) {
      for (const c of m.spec!.template!.spec.containers) expect(c.resources?.limits?.memory, `${m.metadata.name}/${c.name}`).toBeTruthy();
    }
    expect(byKind('Job')[0]!.spec!.template!.spec.containers[0]!.args).toEqual(['node', 'dist/prisma/migrate.js']);
  });

  it('the memory limit is the 512Mi the memory alert divides by', () => {
    for (const d of deployments) expect(d.spec!.template!.spec.containers[0]!.resources?.limits?.memory).toBe('512Mi');
    expect(readRepoFile('docker/prometheus/alerts.yml')).toContain(String(512 * 1024 * 1024));
  });

  it('the HPA scales the api on CPU and memory; PDBs and the Service select real pods', () => {
    const hpa = byKind('HorizontalPodAutoscaler')[0]!;
    expect(hpa.spec!.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: api.metadata.name });
    expect(hpa.spec!.metrics!.map((m) => m.resource?.name).sort()).toEqual(['cpu', 'memory']);
    expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    for (const selectorOwner of [...byKind('PodDisruptionBudget'), ...byKind('Service')]) {
      const selector = selectorOwner.spec!.selector!.matchLabels ?? (selectorOwner.spec!.selector as Record<string, string>);
      expect(
        deployments.some((d) => matches(selector, d.spec!.template!.metadata.labels)),
        selectorOwner.metadata.name,
      ).toBe(true);
    }
    const service = byKind('Service')[0]!;
    const apiPorts = api.spec!.template!.spec.containers[0]!.ports!.map((p) => p.name);
    for (const port of service.spec!.ports!) expect(apiPorts).toContain(port.targetPort);
  });

  it('the Secret is a template of placeholders, and every ConfigMap key is a documented variable', () => {
    const secret = byKind('Secret')[0]!;
    for (const [key, value] of Object.entries(secret.stringData ?? {})) expect(value, key).toMatch(/REPLACE/);
    const documented = readRepoFile('.env.example');
    for (const key of Object.keys(config)) expect(documented, key).toMatch(new RegExp(`^(# )?${key}=`, 'm'));
  });
});
