import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';
import { backend, createTestApp } from '../helpers/test-app.js';

/** A healthy start says nothing alarming: no "Redis unreachable" while the connections are still coming up. */
describe.skipIf(backend !== 'postgres' || !process.env.TEST_REDIS_URL)('starting with Redis', () => {
  it('warns about nothing, through the warm-up and the first requests', async () => {
    const lines: { level: string; msg: string }[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: string; msg: string });
        done();
      },
    });
    const t = await createTestApp({ app: { logger: createLogger({ level: 'warn', pretty: false }, destination) } });
    try {
      for (let i = 0; i < 5; i++) expect((await t.gql('{ posts(first: 1) { totalCount } }')).status).toBe(200);
      expect(lines).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
