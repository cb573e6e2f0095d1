import { describe, expect, it } from 'vitest';
import { createStaleRevalidator } from '../../src/http/stale-revalidation.js';
import { createLogger } from '../../src/infra/logger.js';

const logger = createLogger({ level: 'silent', pretty: false });
const stale = { body: '{"data":{}}', entities: ['PostMetrics:1'], expiresAt: Date.now() + 5_000, staleSince: Date.now() };
const read = { operation: { query: '{ post(id: "1") { id } }' }, authorization: 'Bearer token' };

/** A stand-in for the Yoga server that records each run and answers when told to. */
function recordingExecutor() {
  const runs: { init: RequestInit; serverContext: object; answer: () => void }[] = [];
  const executor = {
    fetch: (_url: string, init: RequestInit, serverContext: object) =>
      new Promise<Response>((resolve) => runs.push({ init, serverContext, answer: () => resolve(new Response('{}')) })),
  };
  return { runs, executor };
}

describe('revalidating stale cache entries', () => {
  it('re-executes the request as its caller once at a time per entry, and again after a run ends', async () => {
    const { runs, executor } = recordingExecutor();
    const revalidate = createStaleRevalidator(() => executor, logger);
    revalidate(stale, read);
    revalidate(stale, read);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.serverContext).toEqual({ revalidating: true });
    expect(new Headers(runs[0]!.init.headers).get('authorization')).toBe('Bearer token');
    expect(JSON.parse(String(runs[0]!.init.body))).toEqual(read.operation);
    runs[0]!.answer();
    // Still served (its answer was not stored, say): the next reader starts another run.
    await expect.poll(() => (revalidate(stale, read), runs.length)).toBe(2);
  });
});
