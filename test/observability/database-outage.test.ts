import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { capturedLogger } from '../helpers/log-lines.js';
import { createPostgresCluster, type PostgresCluster } from '../helpers/pg-cluster.js';
import { migrateDatabase } from '../helpers/postgres.js';
import { backend } from '../helpers/test-app.js';
import { postGraphQL, scrape, value } from './helpers.js';

const WRITE = { query: 'mutation Write { createPost(input: { content: "Written while the database comes and goes" }) { id } }' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PostgresCluster;
let app: App;
let base: string;
let auth: Record<string, string>;
const { logger, lines } = capturedLogger('info');

/** An outage of PostgreSQL is told once when it starts and once when it ends, not once per failed call. */
describe.skipIf(backend !== 'postgres')('PostgreSQL outage, as the logs and /metrics tell it', () => {
  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await migrateDatabase(cluster.url);
    app = await createApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: cluster.url,
        DATABASE_POOL_MAX: '4',
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        SESSION_REVOCATION_SYNC_MS: '200',
      }),
      { logger },
    );
    base = (await app.start(0)).url;
    const signUp = await postGraphQL(base, {
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: { input: { email: 'outage-logs@example.com', password: 'correct horse battery', name: 'Outage' } },
    });
    auth = { authorization: `Bearer ${signUp.body.data.signUp.token}` };
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await cluster?.destroy();
  });

  const databaseUp = async () => value((await scrape(base)).samples, 'lpa_database_up', {});

  it('logs one warning when it becomes unreachable and one info when it returns, and shows lpa_database_up', async () => {
    expect((await postGraphQL(base, WRITE, auth)).body.errors).toBeUndefined();
    expect(await databaseUp()).toBe(1);
    const before = lines.length;

    // A statement under way when the server goes is cut off (57P01): the outage's start, not an error of ours.
    const inFlight = app.db.prisma.$queryRaw`SELECT pg_sleep(30)`.then(
      () => 'finished',
      () => 'cut off',
    );
    await sleep(300);
    await cluster.stop();
    expect(await inFlight).toBe('cut off');
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(Array.from({ length: 6 }, () => postGraphQL(base, WRITE, auth)));
      for (const { body } of answers) expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      await sleep(300);
    }
    expect(await databaseUp()).toBe(0);
    const ready = await (await fetch(`${base}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'unavailable', checks: { database: { status: 'failed' } } });

    await cluster.start();
    for (let i = 0; i < 150 && (await fetch(`${base}/health/ready`)).status !== 200; i++) await sleep(200);
    expect((await postGraphQL(base, WRITE, auth)).body.errors).toBeUndefined();
    for (let i = 0; i < 50 && (await databaseUp()) !== 1; i++) await sleep(100);
    expect(await databaseUp()).toBe(1);

    const during = lines.slice(before);
    const told = during.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => `${l.level}: ${l.msg}`);
    expect(told).toEqual(['warn: PostgreSQL unreachable: requests needing the database answer SERVICE_UNAVAILABLE, readiness fails']);
    expect(during.filter((l) => l.msg === 'PostgreSQL reachable again')).toHaveLength(1);
  }, 120_000);
});
