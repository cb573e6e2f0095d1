import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The coverage thresholds `npm test` enforces with this environment, as the vitest config computes them. */
async function thresholdsWith(env: Record<string, string>) {
  const script = "const { default: c } = await import('./test/vitest.config.ts'); console.log(JSON.stringify(c.test.coverage.thresholds ?? null));";
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number> | null;
}

describe('coverage thresholds of npm test', () => {
  it('are not enforced on the embedded backend alone (a machine without PostgreSQL and Redis)', async () => {
    expect(await thresholdsWith({})).toBeNull();
  });

  it('are enforced when both backends run, as in CI (.ci/run sets TEST_DATABASE_URL)', async () => {
    expect(await thresholdsWith({ TEST_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/lpa_ci' })).toEqual({
      lines: 90,
      statements: 90,
      functions: 90,
      branches: 80,
    });
  });
});
