import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEMBER } from '../fakes/linkedin-server.js';
import type { TestApp } from '../helpers/test-app.js';
import { createPublishingTestApp, type PublishingTestApp } from './publishing-app.js';

/**
 * The OAuth callback of `connectLinkedIn(pages: true)` when the app takes the browser back
 * (LINKEDIN_CONNECTED_REDIRECT_URL): the connected pages and the warnings travel in the query.
 */
type Caller = Awaited<ReturnType<TestApp['signUp']>>;

const CONNECT = 'mutation ($pages: Boolean) { connectLinkedIn(pages: $pages) { url } }';
const cookieOf = (response: { headers: Headers }) => response.headers.getSetCookie()[0]!.split(';')[0]!;
const acmeUrn = 'urn:li:organization:2414183';

describe('with LINKEDIN_CONNECTED_REDIRECT_URL, the browser goes back to the app', () => {
  let app: PublishingTestApp;
  beforeAll(async () => {
    app = await createPublishingTestApp({ LINKEDIN_CONNECTED_REDIRECT_URL: 'http://localhost:5173/settings', RATE_LIMIT_AUTH: '100000' });
    app.fake.organizations.push({ id: 2414183, localizedName: 'Acme Corp', vanityName: 'acme', administrators: [DEFAULT_MEMBER.sub] });
  }, 120_000);
  afterAll(() => app?.close());

  const redirectOf = async (caller: Caller) => {
    const started = await app.t.gql<{ connectLinkedIn: { url: string } }>(CONNECT, { pages: true }, { token: caller.token });
    const callback = await app.consentAndReturn(started.data!.connectLinkedIn.url, cookieOf(started));
    expect(callback.status).toBe(302);
    return new URL(callback.headers.get('location')!);
  };

  it('naming the member account and each page in the query', async () => {
    const target = await redirectOf(await app.t.signUp('Redirected manager'));
    const rows = await app.t.app.db.prisma.linkedInAccount.findMany({ orderBy: { createdAt: 'asc' } });
    const gid = (id: string) => encodeGlobalID('LinkedInAccount', id);
    expect(`${target.origin}${target.pathname}`).toBe('http://localhost:5173/settings');
    expect(target.searchParams.get('linkedInAccount')).toBe(gid(rows.find((r) => r.kind === 'PERSON')!.id));
    expect(target.searchParams.getAll('organizationAccount')).toEqual([gid(rows.find((r) => r.urn === acmeUrn)!.id)]);
    expect(target.searchParams.getAll('warning')).toEqual([]);
  });

  it('with the warning when the pages could not be listed', async () => {
    app.fake.enqueue({ kind: 'server_error' }, 'organizationAcls');
    const target = await redirectOf(await app.t.signUp('Redirected unlisted'));
    expect(target.searchParams.get('linkedInAccount')).toBeTruthy();
    expect(target.searchParams.getAll('organizationAccount')).toEqual([]);
    expect(target.searchParams.getAll('warning')).toEqual([expect.stringMatching(/^LinkedIn did not list the organization pages you administer \(HTTP 500\)/)]);
  });
});
