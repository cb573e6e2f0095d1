import pg from 'pg';
import { scrape, value } from '../observability/helpers.js';
import type { Instance } from './deployment.js';
import { type Author, decodeId, type Ledger, OPS, request } from './load.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** PostgreSQL read directly, not through the API: what is really stored. */
export async function sql<T extends Record<string, any>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Processes that should be running and are not. */
export const deadProcesses = (instances: Instance[]) => instances.filter((i) => !i.process.running()).map((i) => `${i.name} exited: ${i.process.stderr()}`);

/** Every acknowledged post holds its acknowledged content (or that of an update refused since), every acknowledged engagement event is stored. */
export async function missingWrites(url: string, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const ids = [...ledger.posts.keys()];
  const rows = await sql<{ id: string; content: string }>(url, 'SELECT id, content FROM posts WHERE id = ANY($1::uuid[])', [ids.map(decodeId)]);
  const stored = new Map(rows.map((r) => [r.id, r.content]));
  for (const [id, post] of ledger.posts) {
    const content = stored.get(decodeId(id));
    if (content === undefined) problems.push(`post ${id} acknowledged but not stored`);
    else if (content !== post.content && !post.maybe.includes(content)) problems.push(`post ${id} holds "${content}", acknowledged "${post.content}"`);
  }
  const events = await sql<{ event_id: string }>(url, 'SELECT event_id FROM engagement_events WHERE event_id = ANY($1::text[])', [[...ledger.events]]);
  const found = new Set(events.map((e) => e.event_id));
  const lost = [...ledger.events].filter((e) => !found.has(e));
  if (lost.length) problems.push(`${lost.length} acknowledged engagement events not stored`);
  return problems;
}

/**
 * Waits until every acknowledged generation job is SUCCEEDED, FAILED or CANCELLED (a SUCCEEDED one
 * with its post holding the job's text), and checks no job exists that the API refused or never
 * acknowledged. Resolves with how long it took and what is still wrong at the deadline.
 */
export async function settleJobs(url: string, ledger: Ledger, generator: Author, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    const rows = await sql<{ id: string; status: string; topic: string; output: string; post_content: string | null }>(
      url,
      `SELECT j.id, j.status, j.topic, j.output, p.content AS post_content
         FROM generation_jobs j LEFT JOIN posts p ON p.id = j.post_id WHERE j.user_id = $1`,
      [generator.uuid],
    );
    const acknowledged = new Set([...ledger.jobs.keys()].map(decodeId));
    const problems: string[] = [];
    for (const row of rows) {
      if (ledger.refusedTopics.has(row.topic)) problems.push(`job ${row.id} (${row.status}) exists for a refused generatePost`);
      else if (!acknowledged.has(row.id)) problems.push(`job ${row.id} (${row.status}) was never acknowledged`);
      else if (!FINAL.has(row.status)) problems.push(`job ${row.id} still ${row.status}`);
      else if (row.status === 'SUCCEEDED' && row.post_content !== row.output) problems.push(`job ${row.id} SUCCEEDED but its post does not hold its text`);
    }
    const stored = new Set(rows.map((r) => r.id));
    for (const id of acknowledged) if (!stored.has(id)) problems.push(`job ${id} acknowledged but not stored`);
    if (!problems.some((p) => / still /.test(p)) || Date.now() - started > timeoutMs) {
      return { ms: Date.now() - started, problems, statuses: count(rows.map((r) => r.status)) };
    }
    await sleep(250);
  }
}

const count = (values: string[]) => values.reduce<Record<string, number>>((counts, v) => ((counts[v] = (counts[v] ?? 0) + 1), counts), {});

/** Every acknowledged post read through every API instance, and each author's draft count, as the database holds them. */
export async function incoherentReads(url: string, apis: Instance[], ledger: Ledger, authors: Author[]): Promise<string[]> {
  const problems: string[] = [];
  const rows = await sql<{ id: string; content: string }>(url, 'SELECT id, content FROM posts WHERE id = ANY($1::uuid[])', [
    [...ledger.posts.keys()].map(decodeId),
  ]);
  const stored = new Map(rows.map((r) => [r.id, r.content]));
  const reads = [...ledger.posts].flatMap(([id, post]) => apis.map((api) => ({ id, api, author: post.author })));
  for (let i = 0; i < reads.length; i += 8) {
    await Promise.all(
      reads.slice(i, i + 8).map(async ({ id, api, author }) => {
        const answer = await request(api.base, OPS.post, { id }, author.token);
        const expected = stored.get(decodeId(id));
        if (answer.kind !== 'answered') problems.push(`${api.name}: post ${id}: ${answer.code}`);
        else if (answer.data.post?.content !== expected) problems.push(`${api.name}: post ${id} reads "${answer.data.post?.content}", stored "${expected}"`);
      }),
    );
  }
  for (const author of authors) {
    const [row] = await sql<{ drafts: number }>(url, `SELECT count(*)::int AS drafts FROM posts WHERE author_id = $1 AND status = 'DRAFT'`, [author.uuid]);
    const drafts = row!.drafts;
    for (const api of apis) {
      const answer = await request(api.base, OPS.drafts, {}, author.token);
      if (answer.kind !== 'answered') problems.push(`${api.name}: drafts of ${author.name}: ${answer.code}`);
      else if (answer.data.posts.totalCount !== drafts)
        problems.push(`${api.name}: ${author.name} has ${answer.data.posts.totalCount} drafts, stored ${drafts}`);
    }
  }
  return problems;
}

async function readiness(instance: Instance): Promise<string> {
  try {
    const response = await fetch(`${instance.base}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return ((await response.json()) as { status: string }).status;
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  }
}

/** Polls every instance's /health/ready until each says `status`; resolves with how long each took after `since`. */
export async function untilReadiness(instances: Instance[], status: string, since: number, timeoutMs = 60_000): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  await Promise.all(
    instances.map(async (instance) => {
      let last = '';
      while ((last = await readiness(instance)) !== status) {
        if (Date.now() - since > timeoutMs) throw new Error(`${instance.name}: readiness still "${last}" ${timeoutMs} ms after the fault`);
        await sleep(100);
      }
      took[instance.name] = Date.now() - since;
    }),
  );
  return took;
}

export async function metric(instance: Instance, name: string, labels: Record<string, string> = {}): Promise<number> {
  return value((await scrape(instance.metricsBase)).samples, name, labels);
}

/** Unhandled rejections counted by the live processes, and logged by any process that ever ran. */
export async function unhandledRejections(live: Instance[], all: Instance[]): Promise<string[]> {
  const problems: string[] = [];
  for (const instance of live) {
    const counted = await metric(instance, 'lpa_unhandled_rejections_total');
    if (counted !== 0) problems.push(`${instance.name}: lpa_unhandled_rejections_total ${counted}`);
  }
  for (const instance of all) {
    for (const line of instance.process.lines.filter((l) => /unhandled promise rejection|uncaught exception/.test(String(l.msg)))) {
      problems.push(`${instance.name} logged: ${line.msg} ${JSON.stringify(line.err ?? {}).slice(0, 300)}`);
    }
  }
  return problems;
}
