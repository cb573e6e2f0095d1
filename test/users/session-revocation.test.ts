import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { backend, createTestApp, type TestApp } from '../helpers/test-app.js';

const ME = JSON.stringify({ query: '{ me { id } }' });

/** Whether the instance at `url` still takes `token` as its session; a refused token reads anonymously (`me: null`). */
async function acceptsToken(url: string, token: string): Promise<boolean> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: ME,
  });
  const { data } = (await response.json()) as { data: { me: { id: string } | null } };
  return data.me !== null;
}

describe.skipIf(backend === 'embedded')('ending sessions across instances', () => {
  let t: TestApp;
  let second: App;
  let urlB: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_REVOCATION_SYNC_MS: '200' } });
    second = await createApp(loadConfig(t.env));
    urlB = (await second.start(0)).url;
  });
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  it('an access token ended on one instance is refused by the other within a second', async () => {
    const { token } = await t.signUp('Two instances');
    expect(await acceptsToken(urlB, token)).toBe(true);
    const out = await t.gql('mutation { logOutEverywhere }', {}, { token });
    expect(out.data).toEqual({ logOutEverywhere: true });
    expect(await acceptsToken(t.url, token)).toBe(false);
    const started = Date.now();
    await vi.waitFor(async () => expect(await acceptsToken(urlB, token)).toBe(false), { timeout: 5000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a restarted instance still refuses access tokens ended before it started', async () => {
    const { token } = await t.signUp('Restart');
    await t.gql('mutation { logOut }', {}, { token });
    const fresh = await createApp(loadConfig(t.env));
    try {
      const { url } = await fresh.start(0);
      expect(await acceptsToken(url, token)).toBe(false);
    } finally {
      await fresh.stop();
    }
  });
});
