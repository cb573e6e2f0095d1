import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-lines.js';
import { backend, createTestApp } from '../helpers/test-app.js';

/** A healthy start says nothing alarming: no "Redis unreachable" while the connections are still coming up. */
describe.skipIf(backend !== 'postgres' || !process.env.TEST_REDIS_URL)('starting with Redis', () => {
  it('warns about nothing, through the warm-up and the first requests', async () => {
    const { logger, lines } = capturedLogger('warn');
    const t = await createTestApp({ app: { logger } });
    try {
      for (let i = 0; i < 5; i++) expect((await t.gql('{ posts(first: 1) { totalCount } }')).status).toBe(200);
      expect(lines).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
