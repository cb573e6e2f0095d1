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
});
