import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

const PRODUCTION = { NODE_ENV: 'production', SECRET_KEY: 'a-production-secret-that-is-long-enough-0123456789' };
const INTROSPECTION = '{ __schema { queryType { name } } }';

/** Whether an app configured with `env` answers an introspection query; its refusal must carry a code. */
async function answersIntrospection(env: Record<string, string>): Promise<boolean> {
  const t = await createTestApp({ env: { LOG_LEVEL: 'silent', ...env } });
  try {
    const result = await t.gql(INTROSPECTION);
    if (result.data?.__schema) return true;
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: 'INTROSPECTION_DISABLED' } });
    return false;
  } finally {
    await t.close();
  }
}

describe('introspection', () => {
  it('is off by default in production', async () => {
    expect(await answersIntrospection(PRODUCTION)).toBe(false);
  });

  it('is on by default in development', async () => {
    expect(await answersIntrospection({ NODE_ENV: 'development' })).toBe(true);
  });

  it('follows FEATURE_INTROSPECTION over the default either way', async () => {
    expect(await answersIntrospection({ ...PRODUCTION, FEATURE_INTROSPECTION: 'true' })).toBe(true);
    expect(await answersIntrospection({ NODE_ENV: 'development', FEATURE_INTROSPECTION: 'false' })).toBe(false);
  });

  it('never suggests names in production, in validation or in variables', async () => {
    const t = await createTestApp({ env: { LOG_LEVEL: 'silent', ...PRODUCTION } });
    try {
      const answers = [
        await t.gql('{ posts(filter: { status: DRAF }) { totalCount } }'),
        await t.gql('query ($s: PostStatus) { posts(filter: { status: $s }) { totalCount } }', { s: 'DRAF' }),
        await t.gql('{ posts(filter: { stat: DRAFT }) { totalCount } }'),
        await t.gql('{ posts { totalCoun } }'),
      ];
      for (const answer of answers) {
        expect(answer.errors?.length, JSON.stringify(answer)).toBeGreaterThan(0);
        expect(JSON.stringify(answer.errors)).not.toMatch(/Did you mean|DRAFT|totalCount|status/);
      }
    } finally {
      await t.close();
    }
  });

  it('keeps /metrics off the public port in production, on METRICS_PORT only', async () => {
    const { freePort } = await import('../helpers/free-port.js');
    const metricsPort = await freePort();
    const t = await createTestApp({ env: { LOG_LEVEL: 'silent', ...PRODUCTION, METRICS_PORT: String(metricsPort) } });
    try {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('lpa_http_requests_in_flight');
    } finally {
      await t.close();
    }
  });
});
