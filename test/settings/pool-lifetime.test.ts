import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

/** The PostgreSQL backend process serving the app's (only) pooled connection. */
async function backendPid(t: TestApp): Promise<number> {
  const [row] = await t.app.db.prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  return row!.pid;
}

// The embedded database has no pool and no connections to recycle.
describe.skipIf(backend === 'embedded')('DATABASE_POOL_MAX_LIFETIME_SECONDS', () => {
  let recycled: TestApp;
  let kept: TestApp;
  beforeAll(async () => {
    // One connection each, so every statement shows the pid of the one connection the pool holds.
    recycled = await createTestApp({ env: { DATABASE_POOL_MAX: '1', DATABASE_POOL_MAX_LIFETIME_SECONDS: '1' } });
    kept = await createTestApp({ env: { DATABASE_POOL_MAX: '1' } });
  });
  afterAll(async () => {
    await recycled?.close();
    await kept?.close();
  });

  it('replaces a connection older than the lifetime with a new one', async () => {
    const first = await backendPid(recycled);
    expect(await backendPid(recycled)).toBe(first);
    await expect.poll(() => backendPid(recycled), { timeout: 15_000, interval: 200 }).not.toBe(first);
  });

  it('keeps a connection younger than the default lifetime (an hour)', async () => {
    expect(kept.app.config.database.poolMaxLifetimeSeconds).toBe(3600);
    const first = await backendPid(kept);
    // Past the 1 s lifetime above: the same connection still serves.
    await sleep(2500);
    expect(await backendPid(kept)).toBe(first);
  });
});
