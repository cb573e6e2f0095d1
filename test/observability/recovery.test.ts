import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createPostgresCluster, type PostgresCluster } from '../helpers/pg-cluster.js';
import { migrateDatabase } from '../helpers/postgres.js';
import { backend } from '../helpers/test-app.js';
import { postGraphQL, scrape, value } from './helpers.js';

// A write: reads may be answered by the response cache while the database is down.
const WRITE = { query: 'mutation Write { createPost(input: { content: "Written while the database restarts" }) { id } }' };

let cluster: PostgresCluster;
let app: App;
let base: string;
let auth: Record<string, string>;

describe.skipIf(backend !== 'postgres')('PostgreSQL restarted under traffic', () => {
  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await migrateDatabase(cluster.url);
    app = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: cluster.url, DATABASE_POOL_MAX: '4', DATABASE_CONNECT_TIMEOUT_MS: '1000' }));
    base = (await app.start(0)).url;
    const signUp = await postGraphQL(base, {
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: { input: { email: 'outage@example.com', password: 'correct horse battery', name: 'Outage' } },
    });
    auth = { authorization: `Bearer ${signUp.body.data.signUp.token}` };
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await cluster?.destroy();
  });

  it('fails fast with SERVICE_UNAVAILABLE while it is down and recovers by itself when it returns', async () => {
    // Traffic keeps flowing while the server goes down.
    let running = true;
    const outcomes: string[] = [];
    const traffic = Array.from({ length: 4 }, async () => {
      while (running) {
        const outcome = await postGraphQL(base, WRITE, auth).then(
          ({ status, body }) => (body.errors ? `${status} ${body.errors[0].extensions.code}` : `${status} ok`),
          (error: Error) => `network error: ${error.message}`,
        );
        outcomes.push(outcome);
      }
    });
    try {
      while (!outcomes.includes('200 ok')) await new Promise((r) => setTimeout(r, 20));
      await cluster.stop();

      const down = await Promise.all(Array.from({ length: 12 }, () => postGraphQL(base, WRITE, auth)));
      for (const { status, body } of down) {
        expect(status).toBe(503);
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]).toMatchObject({
          message: 'The service is temporarily unavailable; try again shortly.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
        expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|prisma|57P01/i);
      }
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { database: { status: 'failed' } } });
      // Nothing queues up behind the dead server.
      expect(value((await scrape(base)).samples, 'lpa_db_pool_connections', { state: 'waiting' })).toBe(0);

      await cluster.start();
      const returned = Date.now();
      while ((await fetch(`${base}/health/ready`)).status !== 200) {
        expect(Date.now() - returned, 'ready again within 30 s').toBeLessThan(30_000);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      running = false;
      await Promise.all(traffic);
    }

    const after = await postGraphQL(base, WRITE, auth);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.createPost.id).toEqual(expect.any(String));
    expect(new Set(outcomes)).toEqual(new Set(['200 ok', '503 SERVICE_UNAVAILABLE']));
    expect(value((await scrape(base)).samples, 'lpa_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(0);
  }, 120_000);
});
