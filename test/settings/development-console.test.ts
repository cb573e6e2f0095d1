import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { backend, isolatedBackendEnv } from '../helpers/test-app.js';
import { type ServerProcess, startServerProcess } from '../observability/server-process.js';

const YOGA_STEPS = /Parsing request to extract GraphQL parameters|Processing GraphQL Parameters/;
/** The development console's access line: time, level, method, route, status, duration and the operation. */
const ACCESS_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/graphql 200 \d+(\.\d)? ms query Feed$/;

/** `npm start` in development (its console is pretty printed), on this project's backend. */
async function startDevelopmentServer(env: Record<string, string> = {}) {
  const backend = await isolatedBackendEnv();
  const port = await freePort();
  const server = startServerProcess({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), ...backend.env, ...env });
  await server.waitForLine((line) => /GraphQL API ready/.test(line.text ?? ''));
  const feed = () =>
    fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Feed { posts(first: 1) { totalCount } }' }),
    });
  return { server, feed, drop: backend.drop };
}

/** The console's text lines written after the server said it was ready. */
const linesAfterReady = (server: ServerProcess) => {
  const text = server.lines.map((line) => String(line.text ?? JSON.stringify(line)));
  return text.slice(text.findIndex((line) => /GraphQL API ready/.test(line)) + 1).filter((line) => !/^\s+port: \d+$/.test(line));
};

// The console does not depend on the backend: it runs once, on PostgreSQL when there is one (the embedded
// database's start in a process of its own takes most of a minute).
describe.skipIf(backend === 'embedded' && !!process.env.TEST_DATABASE_URL)('the development console', () => {
  let running: Awaited<ReturnType<typeof startDevelopmentServer>> | undefined;
  afterEach(async () => {
    running?.server.kill('SIGTERM');
    await running?.server.exited;
    await running?.drop();
    running = undefined;
  });

  it('prints one readable line per request by default, and none of Yoga internal steps', async () => {
    running = await startDevelopmentServer();
    for (let i = 0; i < 3; i++) expect((await running.feed()).status).toBe(200);
    await running.server.waitForLine(() => linesAfterReady(running!.server).filter((line) => ACCESS_LINE.test(line)).length === 3);
    expect(linesAfterReady(running.server)).toEqual([
      expect.stringMatching(ACCESS_LINE),
      expect.stringMatching(ACCESS_LINE),
      expect.stringMatching(ACCESS_LINE),
    ]);
    expect(running.server.lines.some((line) => YOGA_STEPS.test(line.text ?? ''))).toBe(false);
  }, 120_000);

  it("adds Yoga's steps of every request with LOG_LEVEL=debug", async () => {
    running = await startDevelopmentServer({ LOG_LEVEL: 'debug' });
    expect((await running.feed()).status).toBe(200);
    await running.server.waitForLine((line) => ACCESS_LINE.test(line.text ?? ''));
    expect(linesAfterReady(running.server).filter((line) => YOGA_STEPS.test(line)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
