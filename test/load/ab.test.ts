import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sideEnv } from '../../load/ab.js';
import { migrationDifferences } from '../../load/ab-build.js';
import { type AbResults, abCaseResult, formatAbTable, median, writeAbResults } from '../../load/ab-report.js';
import { benchConfig } from '../../load/bench-config.js';
import type { ScenarioResult } from '../../load/report.js';
import { abCases } from '../../load/targets.js';

describe('A/B arguments', () => {
  it('reads the ref and the pairs, three by default, beside --quick and --only', () => {
    expect(benchConfig(['--quick']).ab).toBeUndefined();
    expect(benchConfig(['--ab=82dc5d3']).ab).toEqual({ ref: '82dc5d3', pairs: 3 });
    const config = benchConfig(['--quick', '--ab=main~2', '--pairs=5', '--only=mix']);
    expect(config.ab).toEqual({ ref: 'main~2', pairs: 5 });
    expect(config.quick).toBe(true);
    expect([...config.only!]).toEqual(['mix']);
  });

  it.each([
    [['--pairs=2'], '--pairs goes with --ab'],
    [['--ab='], '--ab needs a git ref'],
    [['--ab', '82dc5d3'], '--ab takes its value after "="'],
    [['--ab=x', '--pairs'], '--pairs takes its value after "="'],
    [['--ab=x', '--pairs=0'], '--pairs takes a whole number from 1, not "0"'],
    [['--ab=x', '--pairs=1.5'], 'not "1.5"'],
    [['--ab=x', '--pairs=two'], 'not "two"'],
  ])('refuses %j rather than running the whole bench', (argv, message) => {
    expect(() => benchConfig(argv)).toThrow(message);
  });
});

describe('A/B side settings', () => {
  it('reads NAME=VALUE pairs for one side, values keeping their own "=", nothing when unset', () => {
    expect(sideEnv(' MALLOC_ARENA_MAX=2  UV_THREADPOOL_SIZE=4 ')).toEqual({ MALLOC_ARENA_MAX: '2', UV_THREADPOOL_SIZE: '4' });
    expect(sideEnv('X=a=b')).toEqual({ X: 'a=b' });
    expect(sideEnv(undefined)).toEqual({});
  });

  it('refuses a word that is not NAME=VALUE rather than start a side without it', () => {
    expect(() => sideEnv('MALLOC_ARENA_MAX')).toThrow(/NAME=VALUE/);
    expect(() => sideEnv('=2')).toThrow(/NAME=VALUE/);
  });
});

describe('A/B cases', () => {
  const named = (only?: string[]) => abCases(only).map((c) => `${c.scenario.name}@${c.variant.target}`);

  it('measures the feed with the response cache on and off by default', () => {
    expect(named()).toEqual(['feed-uncached@api', 'feed-uncached@api-no-response-cache']);
  });

  it('takes scenarios (on the API), targets (their scenarios) and scenario@target, once each in the order given', () => {
    expect(named(['mix', 'api-cluster', 'search@api-no-response-cache', 'feed-uncached@api-cluster', 'mix@api'])).toEqual([
      'mix@api',
      'feed-uncached@api-cluster',
      'feed-500@api-cluster',
      'search@api-no-response-cache',
    ]);
  });

  it('starts each case with its variant settings and seed', () => {
    const [noCache] = abCases(['api-no-response-cache']);
    expect(noCache?.variant).toMatchObject({ env: { FEATURE_RESPONSE_CACHE: 'false' }, seed: 45 });
  });

  it.each(['subscriptions-fanout', 'postgraphile-5', 'feed-uncached@bare-node-http', 'nope@api', 'feed-uncached@api@api'])(
    'refuses %s, naming what it takes',
    (name) => {
      expect(() => abCases([name])).toThrow(/no A\/B case .*feed-uncached.*api-no-response-cache/);
    },
  );
});

describe('A/B migrations check', () => {
  const listing = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const init = { 'prisma/migrations/1_init/migration.sql': 'aaa', 'prisma/migrations/migration_lock.toml': 'lock' };

  it('finds no difference between equal listings', () => {
    expect(migrationDifferences(listing(init), listing({ ...init }))).toEqual([]);
  });

  it('lists files only on one side and files whose content differs', () => {
    const ref = listing({ ...init, 'prisma/migrations/2_old/migration.sql': 'bbb' });
    const checkout = listing({ ...init, 'prisma/migrations/1_init/migration.sql': 'ccc', 'prisma/migrations/3_new/migration.sql': 'ddd' });
    expect(migrationDifferences(ref, checkout)).toEqual([
      'changed: prisma/migrations/1_init/migration.sql',
      'only at the ref: prisma/migrations/2_old/migration.sql',
      'only in the checkout: prisma/migrations/3_new/migration.sql',
    ]);
  });
});

describe('A/B report', () => {
  const run = (rps: number, server: number, serving: number, rssPeakMb = 300): ScenarioResult => ({
    name: 'feed-uncached',
    description: '',
    target: 'api',
    mode: 'postgres+redis',
    status: 'ok',
    requests: rps * 10,
    durationSec: 10,
    requestsPerSec: rps,
    latencyMs: { p50: 12.34, p95: 20, p99: 45.67, max: 80 },
    non2xx: 0,
    graphqlErrors: 0,
    transportErrors: 0,
    errorRate: 0,
    cpuMsPerRequest: { server, serving, loadGenerator: 0.5 },
    rssPeakMb,
  });
  const crashed: ScenarioResult = {
    name: 'api-no-response-cache',
    description: '',
    target: 'api-no-response-cache',
    mode: 'm',
    status: 'failed',
    reason: 'API server did not become ready:\n boom',
  };

  it('takes the median: the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeUndefined();
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("divides B's CPU per request by A's in each pair, and takes the medians over the pairs both sides measured", () => {
    const result = abCaseResult('feed-uncached', 'api', 'postgres+redis', [
      { a: run(500, 4, 6), b: run(520, 3, 5.4) },
      { a: run(480, 4, 6), b: run(510, 3.6, 6) },
      { a: run(490, 5, 8), b: run(505, 4, 6) },
      { a: crashed, b: run(500, 1, 1) },
    ]);
    expect(result.pairs.map((p) => p.bOverA)).toEqual([{ server: 0.75, serving: 0.9 }, { server: 0.9, serving: 1 }, { server: 0.8, serving: 0.75 }, {}]);
    expect(result.medianBOverA).toEqual({ server: 0.8, serving: 0.9 });
  });

  it("takes each side's median peak RSS over the pairs that side measured", () => {
    const result = abCaseResult('feed-uncached', 'api', 'postgres+redis', [
      { a: run(500, 4, 6, 310), b: run(520, 3, 5.4, 250) },
      { a: run(480, 4, 6, 330), b: run(510, 3.6, 6, 270) },
      { a: crashed, b: run(505, 4, 6, 240) },
    ]);
    expect(result.medianRssPeakMb).toEqual({ a: 320, b: 250 });
  });

  const results: AbResults = {
    startedAt: '2026-12-02T10:00:00.000Z',
    finishedAt: '2026-12-02T10:10:00.000Z',
    quick: false,
    a: { ref: '82dc5d3', sha: '82dc5d3aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    b: { sha: '3eda67ebbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', dirty: true },
    machine: { cpuModel: 'cpu', cores: 2, memoryGb: 24, node: 'v20.20.2', platform: 'linux-x64', gitSha: '3eda67e', loadAverage: { start: 0.5, end: 1.5 } },
    dataset: { users: 5000, posts: 100000, events: 1000000 },
    settings: { connections: 32, durationSec: 15, pairs: 2, notes: [] },
    cases: [
      abCaseResult('feed-uncached', 'api', 'postgres+redis', [
        { a: run(500, 4, 6, 320), b: run(520, 3, 5.4, 260) },
        { a: run(480, 4, 6, 300), b: run(510, 3.6, 6, 250) },
      ]),
      abCaseResult('feed-uncached', 'api-no-response-cache', 'm', [{ a: run(600, 2, 3), b: crashed }]),
    ],
  };

  it('prints an aligned table: A then B per pair with peak RSS and B÷A on B, a median row per case, then the medians and the builds', () => {
    const lines = formatAbTable(results).split('\n');
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + 5 + 3);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    const cells = (line: string) => line.split('|').map((c) => c.trim());
    expect(cells(table[2]!)).toEqual(['', 'feed-uncached', 'api', '1', 'A 82dc5d3', '500', '12.3', '45.7', '0 (0.0%)', '4.00 / 6.00', '320', '', '', '', '']);
    expect(cells(table[3]!)).toEqual([
      '',
      'feed-uncached',
      'api',
      '1',
      'B 3eda67e+',
      '520',
      '12.3',
      '45.7',
      '0 (0.0%)',
      '3.00 / 5.40',
      '260',
      '×0.750',
      '×0.900',
      '',
      '',
    ]);
    expect(cells(table[6]!)).toEqual(['', 'feed-uncached', 'api', 'median', '', '', '', '', '', '', '310 / 255', '×0.825', '×0.950', '', '']);
    expect(cells(table[8]!).slice(4, 6)).toEqual(['B 3eda67e+', 'failed']);
    expect(table[8]).toContain('API server did not become ready: boom');
    expect(lines).toContain(
      'feed-uncached @ api: B÷A CPU per request, median of 2 of 2 pairs: server ×0.825, serving ×0.950; median peak RSS A 310 MB, B 255 MB',
    );
    expect(lines).toContain(
      'feed-uncached @ api-no-response-cache: B÷A CPU per request, median of 0 of 1 pairs: server -, serving -; median peak RSS A 300 MB, B - MB',
    );
    expect(lines.at(-1)).toBe(`A = 82dc5d3 (${results.a.sha}), B = this checkout at ${results.b.sha} with uncommitted changes (+)`);
  });

  it('writes the results to latest-ab.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-ab-'));
    try {
      const file = await writeAbResults(dir, results);
      expect(file).toBe(join(dir, 'latest-ab.json'));
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
