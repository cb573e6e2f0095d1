import { describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../../src/config.js';
import { readRepoFile } from './repo.js';

const example = readRepoFile('.env.example');
/** `KEY=value` lines are set; `# KEY=` lines document a variable that is unset by default. */
const documented = new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
const active = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

/** The variables src/config.ts reads: the keys of its EnvSchema object, assembled from the areas in src/config/. */
function configVariables(): string[] {
  return Object.keys(EnvSchema.shape);
}

describe('.env.example', () => {
  it('documents every variable src/config.ts reads', () => {
    const variables = configVariables();
    expect(variables.length).toBeGreaterThan(30);
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('documents the LinkedIn, token encryption and OpenTelemetry variables', () => {
    for (const v of [
      'LINKEDIN_CLIENT_ID',
      'LINKEDIN_CLIENT_SECRET',
      'LINKEDIN_API_BASE_URL',
      'LINKEDIN_OAUTH_BASE_URL',
      'LINKEDIN_VERSION',
      'TOKEN_ENCRYPTION_KEY',
      'OTEL_SERVICE_NAME',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]) {
      expect(documented.has(v), v).toBe(true);
    }
  });

  it('explains every variable with a comment right above it', () => {
    const lines = example.split('\n');
    lines.forEach((line, i) => {
      if (/^[A-Z][A-Z0-9_]*=/.test(line)) {
        let j = i - 1;
        while (j >= 0 && /^(# )?[A-Z][A-Z0-9_]*=/.test(lines[j]!)) j--;
        expect(lines[j]?.startsWith('#'), line).toBe(true);
      }
    });
  });

  it('is a valid development configuration as written', () => {
    expect(() => loadConfig({ ...active })).not.toThrow();
  });

  it('its public SECRET_KEY is refused in staging and production', () => {
    expect(() => loadConfig({ ...active, APP_ENV: 'staging' })).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ ...active, NODE_ENV: 'production' })).toThrow(/SECRET_KEY/);
  });
});
