import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { EnvSchema, loadConfig } from '../../src/config.js';
import { readRepoFile, repoPath } from '../deploy/repo.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';
import { type Checks, check, READ_ELSEWHERE, type Setting, settings } from './settings-table.js';

const example = readRepoFile('.env.example');
/** `KEY=value` lines are set; `# KEY=` lines document a variable that is unset by default. */
const documented = [...new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!))];
/** The configuration .env.example sets, as written: each row changes one variable from it. */
const base = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

/** The fake OpenAI server the checked app's writer calls (OPENAI_BASE_URL). */
let openai: FakeOpenAI;

/** Asks the app's writer for a post and waits until its job has finished. */
async function generateAndFinish(t: TestApp, topic: string) {
  const { token } = await t.signUp('Writer');
  const res = await t.gql<{ generatePost: { id: string } }>(
    'mutation ($topic: String!) { generatePost(input: { topic: $topic }) { id } }',
    { topic },
    { token },
  );
  const id = res.data!.generatePost.id;
  const status = async () =>
    (await t.gql<{ generationJob: { status: string } }>('query ($id: ID!) { generationJob(id: $id) { status } }', { id }, { token })).data!.generationJob
      .status;
  await expect.poll(status, { timeout: 30_000, interval: 100 }).toMatch(/^(SUCCEEDED|FAILED)$/);
}

const secondsUntil = (iso: string) => (Date.parse(iso) - Date.now()) / 1000;

/** Effects no other test shows, checked here against one app configured with every such row's value. */
const checks: Checks = {
  accessTokenTtl: check(async (t) => {
    const { data } = await t.gql<{ signUp: { accessTokenExpiresAt: string } }>(
      'mutation { signUp(input: { email: "ttl-access@example.com", password: "long enough pw", name: "Ttl" }) { accessTokenExpiresAt } }',
    );
    // 120 s configured; the default would be 900.
    expect(secondsUntil(data!.signUp.accessTokenExpiresAt)).toBeGreaterThan(60);
    expect(secondsUntil(data!.signUp.accessTokenExpiresAt)).toBeLessThanOrEqual(120);
  }),
  refreshTokenTtl: check(async (t) => {
    const { data } = await t.gql<{ signUp: { refreshTokenExpiresAt: string } }>(
      'mutation { signUp(input: { email: "ttl-refresh@example.com", password: "long enough pw", name: "Ttl" }) { refreshTokenExpiresAt } }',
    );
    // 7200 s configured; the default would be 30 days.
    expect(secondsUntil(data!.signUp.refreshTokenExpiresAt)).toBeGreaterThan(3600);
    expect(secondsUntil(data!.signUp.refreshTokenExpiresAt)).toBeLessThanOrEqual(7200);
  }),
  rateLimitWindow: check(async (t) => {
    const res = await t.gql('{ __typename }');
    expect(res.headers.get('ratelimit-policy')).toMatch(/;w=7$/);
  }),
  poolMax: check(async (t) => {
    const gauge = await t.app.metrics.registry.getSingleMetric('lpa_db_pool_max_connections')!.get();
    expect(gauge.values[0]?.value).toBe(3);
  }, 'postgres'),
  analysisLimit: check(async (t) => {
    const analyze = (i: number) => t.gql(`{ analyzeText(text: "A distinct text, number ${i}.") { wordCount } }`);
    for (const i of [1, 2, 3]) expect((await analyze(i)).errors).toBeUndefined();
    expect((await analyze(4)).errors?.[0]).toMatchObject({ path: ['analyzeText'], extensions: { code: 'RATE_LIMITED' } });
  }),
  connectedRedirect: check(async (t) => {
    // A refused callback (no state) sends the browser back to the app with the reason, rather than answering JSON.
    const res = await t.fetch('/auth/linkedin/callback?code=abc', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:5173\/settings\?error=/);
  }),
  generationCacheTtl: check(async (t) => {
    // With the cache off, an identical request is written again rather than served from the cache.
    const { token } = await t.signUp('Cache off');
    const generate = async () => {
      const res = await t.gql<{ generatePost: { id: string } }>('mutation { generatePost(input: { topic: "Caching switched off" }) { id } }', {}, { token });
      const id = res.data!.generatePost.id;
      const job = async () =>
        (
          await t.gql<{ generationJob: { status: string; cached: boolean } }>(
            'query ($id: ID!) { generationJob(id: $id) { status cached } }',
            { id },
            { token },
          )
        ).data!.generationJob;
      await expect.poll(async () => (await job()).status, { timeout: 20_000 }).toBe('SUCCEEDED');
      return job();
    };
    await generate();
    expect((await generate()).cached).toBe(false);
  }),
  slowReader: check(async (t) => {
    // A client that stops reading while its operations answer megabytes (introspections):
    // once more than WS_MAX_BUFFERED_BYTES wait unsent, the server closes the socket with 4408.
    // Signed in: a user's budget (RATE_LIMIT_USER) holds the hundreds of operations this takes.
    const { token } = await t.signUp('Slow reader');
    const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    (socket as unknown as { _socket: Socket })._socket.pause();
    const refused = async () => /limit="slow_reader"} [1-9]/.test(await t.app.metrics.registry.getSingleMetricAsString('lpa_subscriptions_refused_total'));
    const operations = async () =>
      (await t.app.metrics.registry.getSingleMetric('lpa_graphql_operations_total')!.get()).values.reduce((n, v) => n + v.value, 0);
    // Batches of 50 (the operations one socket may run at once), each once the last was answered, until
    // the kernel's buffers are full too and answers wait in the server's memory.
    for (let batch = 0; batch < 200 && !(await refused()); batch++) {
      const before = await operations();
      for (let i = 0; i < 50; i++) socket.send(JSON.stringify({ id: `${batch}.${i}`, type: 'subscribe', payload: { query: getIntrospectionQuery() } }));
      await expect.poll(async () => (await refused()) || (await operations()) - before >= 50, { timeout: 30_000, interval: 50 }).toBe(true);
    }
    expect(await refused()).toBe(true);
    const printed = vi.spyOn(console, 'error');
    try {
      (socket as unknown as { _socket: Socket })._socket.resume();
      expect(await closed).toBe(4408);
      // The answers still queued for the closed socket fail to send: that is the client's doing, not an internal error.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(printed.mock.calls.filter(([message]) => String(message).includes('Internal error'))).toEqual([]);
    } finally {
      printed.mockRestore();
    }
  }),
  responseCacheOff: check(async (t) => {
    // On, the second of two identical reads is a cache hit (x-cache: HIT); off, neither goes near a cache.
    const read = () =>
      t.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ posts(first: 3) { totalCount } }"}' });
    for (let i = 0; i < 2; i++) expect((await read()).headers.get('x-cache')).toBeNull();
  }),
  openaiModel: check(async (t) => {
    await generateAndFinish(t, 'Which model writes this');
    expect(openai.requests.at(-1)?.body.model).toBe('gpt-4.1');
  }),
  openaiRetries: check(async (t) => {
    // One failed call and no retry (the default would try three times); the job falls back to the local writer.
    const before = openai.requests.length;
    openai.enqueue({ kind: 'status', status: 500 });
    await generateAndFinish(t, 'A failing model call');
    expect(openai.requests.length - before).toBe(1);
  }),
  statementTimeout: check(async (t) => {
    const [row] = await t.app.db.prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(row!.statement_timeout).toBe('4321ms');
  }, 'postgres'),
};

const SETTINGS = settings(checks);
const rows = Object.entries(SETTINGS);
const testRows = rows.flatMap(([name, row]) => ('file' in row.shownBy ? [{ name, ...row.shownBy }] : []));
const checkRows = rows.filter((entry): entry is [string, Setting & { shownBy: Checks[keyof Checks] }] => 'check' in entry[1].shownBy);

describe('.env.example: every variable it documents has an effect', () => {
  it('has a row in test/settings/settings-table.ts for every documented variable, and none for an undocumented one', () => {
    const covered = [...Object.keys(SETTINGS), ...Object.keys(READ_ELSEWHERE)];
    expect(documented.length).toBeGreaterThan(90);
    expect(
      documented.filter((name) => !covered.includes(name)),
      'documented without a row',
    ).toEqual([]);
    expect(
      covered.filter((name) => !documented.includes(name)),
      'a row for a variable .env.example does not document',
    ).toEqual([]);
  });

  it.each(rows)('%s is parsed by src/config.ts: another value, another configuration', (name, row) => {
    const before = loadConfig({ ...base, ...row.with });
    expect(base[name] ?? row.with?.[name], `${name}'s row must change it`).not.toBe(row.value);
    expect(loadConfig({ ...base, ...row.with, [name]: row.value })).not.toEqual(before);
  });

  it.each(Object.entries(READ_ELSEWHERE))('%s is read by %s, not src/config.ts', (name, { file, contains }) => {
    expect(Object.keys(EnvSchema.shape)).not.toContain(name);
    expect(readRepoFile(file)).toContain(contains);
  });

  it.each(testRows)('$name: its effect is shown by $file › "$title"', ({ file, title }) => {
    expect(existsSync(repoPath(file)), `${file} exists`).toBe(true);
    expect(readRepoFile(file), `${file} has a test named "${title}"`).toContain(title);
  });

  describe('effects checked here', () => {
    let t: TestApp;
    const env = Object.fromEntries(checkRows.flatMap(([name, row]) => [...Object.entries(row.with ?? {}), [name, row.value]]));
    beforeAll(async () => {
      openai = await startFakeOpenAI();
      t = await createTestApp({ env: { ...env, OPENAI_BASE_URL: openai.url } });
    });
    afterAll(async () => {
      await t?.close();
      await openai?.close();
    });

    it.each(checkRows)(
      '%s',
      async (_name, row) => {
        if (row.shownBy.only && row.shownBy.only !== backend) return;
        await row.shownBy.check(t);
      },
      90_000,
    );
  });
});
