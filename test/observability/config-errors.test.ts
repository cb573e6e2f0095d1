import { describe, expect, it } from 'vitest';
import { backend } from '../helpers/test-app.js';
import { startServerProcess } from './server-process.js';

// Starting node with tsx is slow on a busy machine; the assertions are about behaviour, not time.
const SPAWN_TIMEOUT = 180_000;
const VALID = { NODE_ENV: 'production', SECRET_KEY: 'a-production-secret-that-is-long-enough-0123', HOST: '127.0.0.1', PORT: '0', DATA_DIR: 'memory://' };

async function startWith(env: Record<string, string>) {
  const server = startServerProcess({ ...VALID, ...env });
  const { code } = await server.exited;
  return { code, stderr: server.stderr(), listened: server.lines.some((l) => /ready at/.test(String(l.msg))) };
}

// The entry point's configuration handling does not depend on the database backend: one run is enough.
describe.skipIf(backend !== 'embedded').concurrent('bad configuration stops the start with a clear error', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://db.example/app'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['LOG_LEVEL', 'verbose'],
    ['SHUTDOWN_TIMEOUT_MS', '5'],
    ['METRICS_PORT', '70000'],
    ['FEATURE_TRACING', 'maybe'],
    ['SECRET_KEY', 'short'],
  ])(
    '%s=%s names the variable and exits 78 without listening',
    async (name, bad) => {
      const { code, stderr, listened } = await startWith({ [name]: bad });
      expect(code).toBe(78);
      expect(stderr).toMatch(new RegExp(`^\\s+- ${name}: `, 'm'));
      expect(listened).toBe(false);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'lists every problem at once',
    async () => {
      const { code, stderr } = await startWith({ APP_ENV: 'production', SECRET_KEY: '', PORT: '-1', JWT_TTL_SECONDS: 'forever' });
      expect(code).toBe(78);
      for (const name of ['PORT', 'JWT_TTL_SECONDS']) expect(stderr).toContain(`- ${name}: `);
      expect(stderr).not.toContain('at loadConfig');
    },
    SPAWN_TIMEOUT,
  );

  it(
    'requires a real SECRET_KEY in production',
    async () => {
      const { SECRET_KEY: _, ...withoutSecret } = VALID;
      const server = startServerProcess(withoutSecret);
      expect((await server.exited).code).toBe(78);
      expect(server.stderr()).toContain('SECRET_KEY: must be set in production');
    },
    SPAWN_TIMEOUT,
  );
});
