import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Each k6 script's setup() and an iteration against a real server, through test/load/k6-runner.ts
 * (k6 itself cannot be installed here). The server runs with its defaults, rate limits included,
 * as docker compose runs it, and without LinkedIn, which compose does not configure either.
 */
const SCRIPTS = ['cached-post.js', 'feed-uncached.js', 'search.js', 'create-post.js', 'analytics.js', 'ingest.js', 'subscriptions.js'];

interface Summary {
  checks: { name: string; passes: number; fails: number }[];
  thresholds: { metric: string; expression: string; ok: boolean; enforced: boolean }[];
  metrics: Record<string, { count: number; sum: number }>;
  errors: string[];
}

let t: TestApp;
let dir: string;

/** Runs the runner in its own process: k6's API blocks, and this process serves the API. */
async function runK6(script: string, ...args: string[]): Promise<{ code: number | null; output: string; summary: Summary }> {
  const summaryFile = join(dir, `${script.replace(/\W/g, '_')}-${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/load/k6-runner.ts',
      script,
      '-e',
      `BASE_URL=${t.url}`,
      '-e',
      'USERS=2',
      '-e',
      'POSTS_PER_USER=3',
      '--no-time-thresholds',
      '--summary-export',
      summaryFile,
      ...args,
    ],
    // Killed rather than left behind should it ever hang.
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 100_000 },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as Summary;
  return { code, output, summary };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-k6-'));
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

// Each case starts the runner with tsx, which takes seconds on a busy machine.
describe('the k6 scripts against a server as compose runs it', { timeout: 120_000 }, () => {
  it.each(SCRIPTS)('%s: setup and an iteration pass every check and threshold', async (script) => {
    const { code, output, summary } = await runK6(`load/k6/${script}`);
    expect(summary.errors, output).toEqual([]);
    expect(code, output).toBe(0);
    expect(summary.checks.length).toBeGreaterThan(2);
    expect(summary.checks.filter((c) => c.fails > 0)).toEqual([]);
    expect(summary.thresholds.filter((th) => th.enforced).length).toBeGreaterThanOrEqual(3);
    expect(summary.metrics.iterations?.sum).toBe(1);
  });

  it('mix.js: setup and 20 iterations of its random mix pass', async () => {
    const { code, output, summary } = await runK6('load/k6/mix.js', '--iterations', '20');
    expect(code, output).toBe(0);
    expect(summary.metrics.iterations?.sum).toBe(20);
    expect(summary.checks.filter((c) => c.fails > 0)).toEqual([]);
  });
});

describe('the k6 runner fails what k6 would fail', { timeout: 120_000 }, () => {
  const fixture = async (name: string, source: string) => {
    const file = join(dir, name);
    await writeFile(file, source);
    return file;
  };

  it('a failed check', async () => {
    const script = await fixture(
      'failed-check.mjs',
      `import { check } from 'k6';\nimport http from 'k6/http';\nexport default function () { check(http.get(__ENV.BASE_URL + '/health/live'), { 'status is 418': (r) => r.status === 418 }); }\n`,
    );
    const { code, summary } = await runK6(script);
    expect(code).toBe(97);
    expect(summary.checks).toEqual([{ name: 'status is 418', passes: 0, fails: 1 }]);
  });

  it('a threshold that does not hold', async () => {
    const script = await fixture(
      'failed-threshold.mjs',
      `import http from 'k6/http';\nexport const options = { thresholds: { http_req_failed: ['rate<0.5'] } };\nexport default function () { http.get(__ENV.BASE_URL + '/no-such-path'); }\n`,
    );
    const { code, summary } = await runK6(script);
    expect(code).toBe(99);
    expect(summary.thresholds).toEqual([{ metric: 'http_req_failed', expression: 'rate<0.5', value: 1, ok: false, enforced: true }]);
  });

  it('a threshold on a metric the script never defined', async () => {
    const script = await fixture(
      'unknown-metric.mjs',
      `export const options = { thresholds: { graphql_errrors: ['rate<0.001'] } };\nexport default function () {}\n`,
    );
    const { code, summary } = await runK6(script);
    expect(code).toBe(107);
    expect(summary.errors).toEqual(['threshold on graphql_errrors: no metric of that name (k6 refuses to start)']);
  });

  it('an exception in setup', async () => {
    const script = await fixture(
      'failed-setup.mjs',
      `import { fail } from 'k6';\nexport function setup() { fail('no data'); }\nexport default function () {}\n`,
    );
    const { code, summary } = await runK6(script);
    expect(code).toBe(107);
    expect(summary.errors.join()).toContain('no data');
  });
});
