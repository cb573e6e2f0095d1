import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { createStaleRevalidator } from '../../src/response-cache/revalidation.js';
import type { EdgeRequest, ServerContext } from '../../src/server-context.js';

const logger = createLogger({ level: 'silent', pretty: false });
const stale = { body: '{"data":{}}', entities: ['PostMetrics:1'], expiresAt: Date.now() + 5_000, staleSince: Date.now() };
const viewer = Object.freeze({ kind: 'user' as const, userId: 'u1', sessionId: 's1', scopes: new Set<string>() });
const read: EdgeRequest = {
  requestId: 'r1',
  transport: 'http',
  clientIp: '203.0.113.9',
  viewer,
  caller: { key: 'user:u1', anonymous: false },
  params: { query: '{ post(id: "1") { id } }', extensions: { persistedQuery: {} } },
  note: {},
};

/** A stand-in for the GraphQL layer that records each run and answers when told to. */
function recordingRunner() {
  const runs: { context: ServerContext; answer: () => void }[] = [];
  const run = (context: ServerContext) =>
    new Promise<{ status: number; body: string }>((resolve) => runs.push({ context, answer: () => resolve({ status: 200, body: '{}' }) }));
  return { runs, run };
}

describe('revalidating stale cache entries', () => {
  it('re-executes the request as its caller once at a time per entry, and again after a run ends', async () => {
    const { runs, run } = recordingRunner();
    const revalidate = createStaleRevalidator(run, logger);
    revalidate(stale, read);
    revalidate(stale, read);
    expect(runs).toHaveLength(1);
    const { edge } = runs[0]!.context;
    // The reader's viewer and request, and nobody's budget.
    expect(edge).toMatchObject({ viewer, internal: true, transport: 'internal', params: read.params });
    runs[0]!.answer();
    // Still served (its answer was not stored, say): the next reader starts another run.
    await expect.poll(() => (revalidate(stale, read), runs.length)).toBe(2);
  });
});
