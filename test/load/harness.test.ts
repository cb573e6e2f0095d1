import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../load/http-load.js';
import * as operations from '../../load/operations.js';
import { runPacedLoad } from '../../load/paced-load.js';
import { startCpuWindow } from '../../load/process-tree.js';
import { hitRateByOperation, parseCounters, sumSamples } from '../../load/prometheus.js';
import { type BenchResults, formatTable, ratio, type ScenarioResult, writeResults } from '../../load/report.js';
import { perRequest } from '../../load/scenario-runner.js';
import { weighted } from '../../load/scenarios/types.js';
import { percentile, summarize } from '../../load/stats.js';

const LOAD = join(import.meta.dirname, '..', '..', 'load');
const K6 = join(LOAD, 'k6');
const SCENARIO_SCRIPTS = ['cached-post.js', 'feed-uncached.js', 'search.js', 'create-post.js', 'analytics.js', 'mix.js', 'ingest.js', 'subscriptions.js'];

const checkModule = (source: string) => spawnSync(process.execPath, ['--input-type=module', '--check'], { input: source, encoding: 'utf8' });
const importedNames = (source: string, from: string) =>
  [...source.matchAll(new RegExp(`import \\{([^}]+)\\} from '${from.replace(/[.]/g, '\\.')}'`, 'g'))].flatMap((m) =>
    m[1]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );

describe('k6 scripts', () => {
  it('has one script per scenario plus the shared library', async () => {
    const files = await readdir(K6);
    expect(files.sort()).toEqual([...SCENARIO_SCRIPTS, 'lib.js'].sort());
  });

  it.each([...SCENARIO_SCRIPTS, 'lib.js'])('%s parses as an ES module', async (file) => {
    const result = checkModule(await readFile(join(K6, file), 'utf8'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('rejects a script with a syntax error, so the parse check can fail', () => {
    expect(checkModule("import http from 'k6/http';\nexport default function () {").status).not.toBe(0);
  });

  it.each(SCENARIO_SCRIPTS)('%s takes its operations from load/operations.js', async (file) => {
    const source = await readFile(join(K6, file), 'utf8');
    const names = importedNames(source, '../operations.js');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(operations).toHaveProperty(name);
    expect(source).not.toMatch(/\b(query|mutation|subscription) Bench\w+/);
  });
});

describe('the shared operations', () => {
  const documents = Object.entries(operations).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

  it.each(documents)('%s is one named GraphQL operation', (_, text) => {
    const document = parse(text);
    expect(document.definitions).toHaveLength(1);
    const [definition] = document.definitions;
    expect(definition?.kind).toBe('OperationDefinition');
    expect(definition && 'name' in definition && definition.name?.value).toMatch(/^Bench/);
  });

  it('is imported by the harness scenarios too', async () => {
    const dir = join(LOAD, 'scenarios');
    const sources = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), 'utf8')));
    const used = new Set(sources.flatMap((s) => importedNames(s, '../operations.js')));
    for (const name of [
      'POST_BY_ID',
      'FEED',
      'SEARCH_POSTS',
      'CREATE_POST',
      'ANALYTICS_SUMMARY',
      'RECORD_ENGAGEMENTS',
      'GENERATE_POST',
      'GENERATION_PROGRESS',
    ]) {
      expect(used).toContain(name);
    }
  });
});

describe('percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarizes unsorted latencies', () => {
    const shuffled = [...hundred].reverse();
    expect(summarize(shuffled)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarize([0.5, 10.25, 3])).toEqual({ p50: 3, p95: 10.25, p99: 10.25, max: 10.25 });
  });
});

describe('sequential load', () => {
  it('sends exactly the requests asked for, one at a time over one connection', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const sockets = new Set<unknown>();
    const server = createServer((req, res) => {
      sockets.add(req.socket);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      req.resume().on('end', () =>
        setTimeout(() => {
          inFlight--;
          res.end('{"data":{}}');
        }, 2),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runLoad({ url: `http://127.0.0.1:${port}`, connections: 1, durationSec: 60, amount: 25, next: () => ({ body: '{}' }) });
      expect(result.requests).toBe(25);
      expect(result.errorRate).toBe(0);
      // Each answer's head and its 11-byte body, as received.
      expect(result.bytesPerResponse).toBeGreaterThan(11 + 'HTTP/1.1 200 OK\r\n'.length);
      expect(result.bytesPerResponse).toBeLessThan(400);
      expect(mostInFlight).toBe(1);
      expect(sockets.size).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('paced load', () => {
  /** A server answering every request after `delayMs`, counting requests per socket and in flight. */
  async function slowServer(delayMs: number, answer: (body: string) => [number, string] = () => [200, '{"data":{}}']) {
    let inFlight = 0;
    const seen = { mostInFlight: 0, perSocket: new Map<unknown, number>() };
    const server = createServer((req, res) => {
      seen.perSocket.set(req.socket, (seen.perSocket.get(req.socket) ?? 0) + 1);
      seen.mostInFlight = Math.max(seen.mostInFlight, ++inFlight);
      const chunks: Buffer[] = [];
      req
        .on('data', (chunk: Buffer) => chunks.push(chunk))
        .on('end', () =>
          setTimeout(() => {
            inFlight--;
            const [status, body] = answer(Buffer.concat(chunks).toString());
            res.writeHead(status).end(body);
          }, delayMs),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => server.close() };
  }
  const numbered = () => {
    let n = 0;
    return () => ({ body: JSON.stringify({ n: ++n }) });
  };

  it('sends the scheduled requests spread evenly over every connection, and counts failures', async () => {
    // Requests 1-4 open the connections untimed; 5-104 are the schedule, ten of each failure among them.
    const server = await slowServer(5, (body) => {
      const { n } = JSON.parse(body) as { n: number };
      return n % 10 === 0 ? [500, 'boom'] : n % 10 === 5 ? [200, '{"errors":[{"message":"no"}]}'] : [200, '{"data":{}}'];
    });
    try {
      const result = await runPacedLoad({ url: server.url, connections: 4, durationSec: 0.5, ratePerSec: 200, next: numbered() });
      expect(result.requests).toBe(100);
      expect(result.non2xx).toBe(10);
      expect(result.graphqlErrors).toBe(10);
      expect(result.errorRate).toBeCloseTo(0.2);
      expect([...server.seen.perSocket.values()]).toEqual([26, 26, 26, 26]);
      expect(server.seen.mostInFlight).toBeLessThanOrEqual(4);
    } finally {
      server.close();
    }
  });

  it('times answers from when they were due, so a server that falls behind shows it', async () => {
    // One connection answering in 20 ms serves 50 req/s; offered 200 req/s, requests queue behind each other.
    const server = await slowServer(20);
    try {
      const result = await runPacedLoad({ url: server.url, connections: 1, durationSec: 0.25, ratePerSec: 200, next: numbered() });
      expect(result.requests).toBe(50);
      // The last request was due at 245 ms and answered after the 49 before it: about 1 s in all.
      expect(result.latencyMs.max).toBeGreaterThan(500);
      expect(result.latencyMs.p50).toBeGreaterThan(200);
    } finally {
      server.close();
    }
  });

  it('counts a refused connection as a transport error instead of hanging', async () => {
    const server = await slowServer(0);
    server.close();
    const result = await runPacedLoad({ url: server.url, connections: 2, durationSec: 0.1, ratePerSec: 50, next: numbered() });
    expect(result.requests).toBe(0);
    expect(result.transportErrors).toBe(5);
    expect(result.errorRate).toBe(1);
  });
});

describe('weighted mix', () => {
  it('picks each part in proportion to its weight, re-weighted over the parts given', () => {
    const values = [0.0, 0.2, 0.39, 0.4, 0.7, 0.99];
    let i = 0;
    const next = weighted(
      () => values[i++]!,
      [
        { name: 'a', weight: 0.2, next: () => ({ body: 'a' }) },
        { name: 'b', weight: 0.3, next: () => ({ body: 'b' }) },
      ],
    );
    expect(values.map(() => next().body).join('')).toBe('aaabbb');
  });
});

describe('Prometheus counters', () => {
  const text = [
    '# HELP lpa_db_query_duration_seconds Database query duration by model and action.',
    'lpa_db_query_duration_seconds_bucket{le="0.001",model="Post",action="findMany"} 3',
    'lpa_db_query_duration_seconds_count{model="Post",action="findMany"} 12',
    'lpa_db_query_duration_seconds_count{model="User",action="findMany"} 5',
    'lpa_cache_requests_total{cache="response",result="hit"} 90',
    'lpa_cache_requests_total{cache="response",result="miss"} 10',
    'lpa_cache_requests_total{cache="generation",result="hit"} 4',
  ].join('\n');

  it('sums the samples of one metric matching the labels', () => {
    expect(sumSamples(text, 'lpa_db_query_duration_seconds_count')).toBe(17);
    expect(sumSamples(text, 'lpa_cache_requests_total', { result: 'hit' })).toBe(94);
    expect(parseCounters(text)).toMatchObject({ dbQueries: 17, responseCacheHits: 90, responseCacheMisses: 10 });
  });

  it('splits response cache look-ups by operation, between two scrapes', () => {
    const scrape = (feedHits: number, postMisses: number) =>
      parseCounters(
        [
          `lpa_cache_requests_total{cache="response",operation="BenchFeed",result="hit"} ${feedHits}`,
          'lpa_cache_requests_total{cache="response",operation="BenchFeed",result="miss"} 2',
          `lpa_cache_requests_total{cache="response",operation="BenchPost",result="miss"} ${postMisses}`,
          'lpa_cache_requests_total{cache="response",operation="BenchIdle",result="hit"} 7',
          'lpa_cache_requests_total{cache="generation",operation="BenchFeed",result="hit"} 50',
        ].join('\n'),
      );
    expect(hitRateByOperation(scrape(10, 1), scrape(19, 2))).toEqual({
      BenchFeed: { lookups: 9, hitRate: 1 },
      BenchPost: { lookups: 1, hitRate: 0 },
    });
  });

  it('reports the query count as unknown when the server does not export it', () => {
    expect(parseCounters('lpa_cache_requests_total{cache="response",result="hit"} 1').dbQueries).toBeUndefined();
  });
});

/** Uses `ms` of CPU time (not wall time, so a busy machine cannot shorten it). */
const burnCpu = (ms: number) => {
  const start = process.cpuUsage();
  while (true) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
};

describe('CPU per request', () => {
  it('counts the server tree, this process and every other process over the window', async () => {
    // A server stand-in that burns 300 ms of CPU when told to, then stays alive to be measured.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `
      const burn = ${burnCpu.toString()};
      process.stdin.once('data', () => { burn(300); process.stdout.write('done'); });
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      const end = startCpuWindow(child.pid);
      child.stdin.write('go');
      await once(child.stdout, 'data');
      burnCpu(150);
      const cpu = end();
      // /proc counts in 10 ms ticks.
      expect(cpu.server).toBeGreaterThanOrEqual(280);
      expect(cpu.loadGenerator).toBeGreaterThanOrEqual(140);
      expect(cpu.loadGenerator).toBeLessThan(280);
      expect(cpu.others).toBeGreaterThanOrEqual(280);
    } finally {
      child.kill();
    }
  });

  it('leaves the server out when its process is unknown, and divides by the requests', () => {
    expect(startCpuWindow()()).not.toHaveProperty('server');
    expect(perRequest({ server: 300, loadGenerator: 100, others: 400 }, 100)).toEqual({ server: 3, serving: 4, loadGenerator: 1 });
  });
});

describe('report', () => {
  const ok = (name: string, target: string, rps: number, p99: number): ScenarioResult => ({
    name,
    description: name,
    target,
    mode: 'postgres+redis',
    status: 'ok',
    requests: rps * 10,
    durationSec: 10,
    requestsPerSec: rps,
    latencyMs: { p50: p99 / 4, p95: p99 / 2, p99, max: p99 * 2 },
    non2xx: 1,
    graphqlErrors: 2,
    transportErrors: 0,
    errorRate: 0.0002,
    errorSamples: [],
    rssPeakMb: 210.4,
    sqlPerRequest: 3,
    cacheHitRate: 0.5,
    cpuMsPerRequest: { server: 10_000 / rps, serving: 16_000 / rps, loadGenerator: 1000 / rps },
  });
  const results: ScenarioResult[] = [
    ok('cached-post', 'api', 2000, 20),
    ok('cached-post', 'bare-node-http', 10000, 4),
    { name: 'ingest-500', description: '', target: 'api', mode: 'postgres+redis', status: 'unavailable', reason: 'Cannot query field "recordEngagements"' },
  ];
  const ratios = [ratio(results, 'cached-post ÷ bare node:http', ['cached-post', 'api'], ['cached-post', 'bare-node-http'])];

  it('computes ratios from the matching rows, and leaves them undefined when a side is missing', () => {
    expect(ratios[0]).toMatchObject({ throughput: 0.2, p99: 5, servingCpu: 5 });
    expect(ratio(results, 'x', ['ingest-500', 'api'], ['cached-post', 'api']).throughput).toBeUndefined();
  });

  it('compares server CPU and bytes per response when asked (the compression pairs)', () => {
    const compressed = { ...ok('large-answer-br', 'api', 2000, 20), bytesPerResponse: 1500 };
    const plain = { ...ok('large-answer', 'api', 2500, 16), bytesPerResponse: 15000 };
    const pair = ratio([compressed, plain], 'large-answer-br ÷ large-answer', ['large-answer-br', 'api'], ['large-answer', 'api'], {
      server: true,
      bytes: true,
    });
    expect(pair).toMatchObject({ serverCpu: 1.25, bytes: 0.1 });
    expect(ratios[0]).not.toHaveProperty('bytes');
    expect(formatTable([compressed, plain], [pair])).toContain('server CPU per request ×1.25, bytes per response ×0.100');
  });

  it('formats an aligned table with every scenario and the ratios', () => {
    const table = formatTable(results, ratios);
    const lines = table.split('\n');
    const tableLines = lines.filter((l) => l.startsWith('|'));
    expect(tableLines).toHaveLength(2 + results.length);
    expect(new Set(tableLines.map((l) => l.length)).size).toBe(1);
    expect(table).toContain('| 2000 ');
    expect(table).toContain('3 (0.02%)');
    expect(table).toContain('| 5.00 / 8.00 ');
    expect(table).toContain('| 1.00 / 1.60 ');
    expect(table).toContain('unavailable');
    expect(table).toContain('Cannot query field "recordEngagements"');
    expect(lines.at(-1)).toContain('throughput ×0.200, p99 ×5.00, serving CPU per request ×5.00');
  });

  it('writes the results as JSON, full runs to latest.json and quick runs beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      const report: BenchResults = {
        startedAt: '2026-11-28T10:00:00.000Z',
        finishedAt: '2026-11-28T10:05:00.000Z',
        quick: false,
        machine: { cpuModel: 'cpu', cores: 2, memoryGb: 24, node: 'v20.20.2', platform: 'linux-x64', gitSha: 'abc', loadAverage: { start: 0.5, end: 1.5 } },
        dataset: { users: 5000, posts: 100000, events: 1000000 },
        settings: { connections: 32, durationSec: 15, notes: [] },
        scenarios: results,
        ratios,
      };
      const file = await writeResults(dir, report);
      expect(file).toBe(join(dir, 'latest.json'));
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(report);
      expect(await writeResults(dir, { ...report, quick: true })).toBe(join(dir, 'latest-quick.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
