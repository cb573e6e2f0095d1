import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsOrganizationScopes } from '../../src/modules/publishing/linkedin-organizations.js';
import { DEFAULT_MEMBER, type RecordedRequest } from '../fakes/linkedin-server.js';
import type { TestApp } from '../helpers/test-app.js';
import * as fixtures from '../media/fixtures.js';
import { uploadWithFetch } from '../media/upload-client.js';
import { createPublishingTestApp, PUBLISHING_FIELDS, type PublishingTestApp, rawId } from './publishing-app.js';

/**
 * Organization (company) pages: `connectLinkedIn(pages: true)` asks LinkedIn for the Community
 * Management scopes, the callback lists the pages the member administers and connects each as an
 * ORGANIZATION account of the workspace, and posts published with one go out as the page.
 */
type Caller = Awaited<ReturnType<TestApp['signUp']>>;
interface CallbackAccount {
  id: string;
  urn: string;
  name: string;
  kind: string;
  vanityName?: string;
}
interface CallbackBody {
  linkedInAccount?: CallbackAccount;
  organizationAccounts?: CallbackAccount[];
  warnings?: { message: string }[];
  error?: unknown;
}

let p: PublishingTestApp;
let dir: string;
const ACME = { id: 2414183, localizedName: 'Acme Corp', vanityName: 'acme', administrators: [DEFAULT_MEMBER.sub] };
const GLOBEX = { id: 1337, localizedName: 'Globex', vanityName: 'globex', administrators: [DEFAULT_MEMBER.sub] };
const acmeUrn = `urn:li:organization:${ACME.id}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-org-pages-'));
  p = await createPublishingTestApp({ MEDIA_DIR: dir, RATE_LIMIT_UPLOAD: '1000', RATE_LIMIT_AUTH: '100000' });
  await p.t.listen();
  // Someone else's page: the member is no administrator of it, so it is never listed.
  p.fake.organizations.push(ACME, GLOBEX, { id: 99, localizedName: 'Initech', vanityName: 'initech', administrators: ['someone-else'] });
}, 120_000);
afterAll(async () => {
  await p?.close();
  await rm(dir, { recursive: true, force: true });
});

const CONNECT = 'mutation ($pages: Boolean) { connectLinkedIn(pages: $pages) { url } }';
const ACCOUNTS = '{ me { linkedInAccounts { id urn name kind vanityName status } } }';
const PUBLISH = `mutation ($id: ID!, $accountId: ID) { publishPost(id: $id, accountId: $accountId) { id } }`;
const POST = `query ($id: ID!) { post(id: $id) { ${PUBLISHING_FIELDS} } }`;
const cookieOf = (response: { headers: Headers }) => response.headers.getSetCookie()[0]!.split(';')[0]!;
const line = (r: RecordedRequest) => `${r.method} ${r.path}`;

/** The caller connects through OAuth, asking for pages or not; answers the callback's status, body and what the fake was asked. */
async function connect(caller: Caller, pages: boolean | null = true) {
  const started = await p.t.gql<{ connectLinkedIn: { url: string } }>(CONNECT, { pages }, { token: caller.token });
  expect(started.errors).toBeUndefined();
  const url = new URL(started.data!.connectLinkedIn.url);
  const from = p.fake.requests.length;
  const callback = await p.consentAndReturn(url.toString(), cookieOf(started));
  const [consent, ...requests] = p.fake.requests.slice(from);
  expect(consent!.path).toMatch(/^\/oauth\/v2\/authorization\?/);
  return { url, status: callback.status, body: (await callback.json()) as CallbackBody, requests };
}

async function accountsOf(caller: Caller) {
  const res = await p.t.gql<{ me: { linkedInAccounts: Record<string, unknown>[] } }>(ACCOUNTS, {}, { token: caller.token });
  expect(res.errors).toBeUndefined();
  return res.data!.me.linkedInAccounts;
}

/** Publishes a new post of the caller with the account and waits for the worker; answers the post and LinkedIn's requests. */
async function publishAs(caller: Caller, accountId: string, input: Record<string, unknown> = {}) {
  const created = await p.t.gql<{ createPost: { id: string } }>(
    'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }',
    { input: { content: `News from the page ${randomBytes(4).toString('hex')}`, ...input } },
    { token: caller.token },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createPost.id;
  const from = p.fake.requests.length;
  expect((await p.t.gql(PUBLISH, { id, accountId }, { token: caller.token })).errors).toBeUndefined();
  await p.settle(id);
  const post = (await p.t.gql<{ post: any }>(POST, { id }, { token: caller.token })).data!.post;
  return { post, requests: p.fake.requests.slice(from) };
}

describe('connecting organization pages', () => {
  it('asks for the organization scopes only when pages are wanted', async () => {
    const caller = await p.t.signUp('Scopes');
    const started = async (pages: boolean | null) =>
      new URL((await p.t.gql<{ connectLinkedIn: { url: string } }>(CONNECT, { pages }, { token: caller.token })).data!.connectLinkedIn.url);
    expect((await started(null)).searchParams.get('scope')).toBe('openid profile w_member_social');
    expect((await started(false)).searchParams.get('scope')).toBe('openid profile w_member_social');
    expect((await started(true)).searchParams.get('scope')).toBe('openid profile w_member_social w_organization_social r_organization_admin');
  });

  it('connects every page the member administers as an ORGANIZATION account beside their own, audited, each with its own token copy', async () => {
    const manager = await p.t.signUp('Page manager');
    const { status, body, requests } = await connect(manager);
    expect(status).toBe(200);
    expect(body.linkedInAccount).toMatchObject({ kind: 'PERSON', urn: `urn:li:person:${DEFAULT_MEMBER.sub}`, name: 'Ada Lovelace' });
    expect(body.organizationAccounts).toEqual([
      expect.objectContaining({ kind: 'ORGANIZATION', urn: acmeUrn, name: 'Acme Corp', vanityName: 'acme', status: 'CONNECTED' }),
      expect.objectContaining({ kind: 'ORGANIZATION', urn: 'urn:li:organization:1337', name: 'Globex', vanityName: 'globex' }),
    ]);
    expect(body.warnings).toBeUndefined();

    // Exactly LinkedIn's calls: the token, the member, the member's ACLs, then each page's name.
    expect(requests.map(line)).toEqual([
      'POST /oauth/v2/accessToken',
      'GET /v2/userinfo',
      'GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0&count=100',
      `GET /rest/organizations/${ACME.id}`,
      'GET /rest/organizations/1337',
    ]);
    for (const request of requests.slice(2)) {
      expect(request.headers).toMatchObject({
        authorization: expect.stringMatching(/^Bearer AQ/),
        'linkedin-version': '202510',
        'x-restli-protocol-version': '2.0.0',
      });
    }

    expect(await accountsOf(manager)).toEqual([
      expect.objectContaining({ kind: 'PERSON', vanityName: null }),
      { id: body.organizationAccounts![0]!.id, urn: acmeUrn, name: 'Acme Corp', kind: 'ORGANIZATION', vanityName: 'acme', status: 'CONNECTED' },
      expect.objectContaining({ kind: 'ORGANIZATION', urn: 'urn:li:organization:1337' }),
    ]);

    const rows = await p.t.app.db.prisma.linkedInAccount.findMany({ where: { userId: rawId(manager.id) }, orderBy: { createdAt: 'asc' } });
    const [person, acme] = rows;
    // Each row holds its own ciphertext (bound to its URN) of the same member token.
    expect(acme!.accessTokenEncrypted).not.toBe(person!.accessTokenEncrypted);
    expect(p.t.app.services.linkedInAccounts.accessToken(acme!)).toBe(p.t.app.services.linkedInAccounts.accessToken(person!));
    expect(acme!.scope.split(',')).toEqual(expect.arrayContaining(['w_organization_social', 'r_organization_admin']));

    const audited = await p.t.app.db.prisma.auditEntry.findMany({
      where: { workspaceId: person!.workspaceId, action: 'LINKEDIN_ACCOUNT_CONNECTED' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audited.map((entry) => [entry.targetId, entry.actorId])).toEqual(rows.map((row) => [row.id, rawId(manager.id)]));
    expect(audited[1]!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'kind', after: 'ORGANIZATION' })]));
  });

  it('connecting again refreshes the same page accounts; disconnecting the member leaves the pages', async () => {
    const manager = await p.t.signUp('Reconnecting manager');
    const first = await connect(manager);
    const again = await connect(manager);
    expect(again.body.organizationAccounts!.map((a) => a.id)).toEqual(first.body.organizationAccounts!.map((a) => a.id));
    expect(await accountsOf(manager)).toHaveLength(3);

    // Without pages, the member's own account is refreshed and the pages are left as they were.
    const personOnly = await connect(manager, false);
    expect(personOnly.body.organizationAccounts).toBeUndefined();
    expect(personOnly.requests.map(line)).toEqual(['POST /oauth/v2/accessToken', 'GET /v2/userinfo']);

    const disconnected = await p.t.gql('mutation ($id: ID!) { disconnectLinkedIn(id: $id) }', { id: first.body.linkedInAccount!.id }, { token: manager.token });
    expect(disconnected.errors).toBeUndefined();
    expect((await accountsOf(manager)).map((a) => a.kind)).toEqual(['ORGANIZATION', 'ORGANIZATION']);
    const { post } = await publishAs(manager, first.body.organizationAccounts![0]!.id);
    expect(post.status).toBe('PUBLISHED');
  });
});

describe('when the pages cannot be listed, the member is still connected', () => {
  const cases = [
    { name: 'organizationAcls refused (403)', enqueue: () => p.fake.enqueue({ kind: 'forbidden' }, 'organizationAcls'), warning: /HTTP 403/ },
    { name: 'organizationAcls failing (500)', enqueue: () => p.fake.enqueue({ kind: 'server_error' }, 'organizationAcls'), warning: /HTTP 500/ },
    { name: "a page's name failing (503)", enqueue: () => p.fake.enqueue({ kind: 'server_error', status: 503 }, 'organizations'), warning: /HTTP 503/ },
  ];
  for (const { name, enqueue, warning } of cases) {
    it(`${name}: 200 with the member's account and a warning, no page stored`, async () => {
      const manager = await p.t.signUp(`Unlisted ${name}`);
      enqueue();
      const { status, body } = await connect(manager);
      expect(status).toBe(200);
      expect(body.linkedInAccount).toMatchObject({ kind: 'PERSON' });
      expect(body.organizationAccounts).toBeUndefined();
      expect(body.warnings).toEqual([{ message: expect.stringMatching(warning) }]);
      expect(body.warnings![0]!.message).toMatch(/Your own account is connected/);
      expect((await accountsOf(manager)).map((a) => a.kind)).toEqual(['PERSON']);
    });
  }

  it('LinkedIn withholding the organization scopes (no Community Management API): no listing, the member connected, a warning says why', async () => {
    p.fake.withheldScopes.push('w_organization_social', 'r_organization_admin');
    try {
      const manager = await p.t.signUp('Withheld scopes');
      const { status, body, requests } = await connect(manager);
      expect(status).toBe(200);
      expect(requests.map(line)).toEqual(['POST /oauth/v2/accessToken', 'GET /v2/userinfo']);
      expect(body.linkedInAccount).toMatchObject({ kind: 'PERSON' });
      expect(body.organizationAccounts).toBeUndefined();
      expect(body.warnings).toEqual([
        { message: expect.stringMatching(/^LinkedIn did not grant the organization page permissions \(w_organization_social, r_organization_admin\)/) },
      ]);
    } finally {
      p.fake.withheldScopes.splice(0);
    }
  });

  it('a member who administers no page: the member connected, a warning says so', async () => {
    const saved = [ACME.administrators.splice(0), GLOBEX.administrators.splice(0)];
    try {
      const manager = await p.t.signUp('No pages');
      const { status, body } = await connect(manager);
      expect(status).toBe(200);
      expect(body.organizationAccounts).toBeUndefined();
      expect(body.warnings).toEqual([{ message: 'You are not an administrator of any organization page on LinkedIn, so no pages were connected.' }]);
      expect((await accountsOf(manager)).map((a) => a.kind)).toEqual(['PERSON']);
    } finally {
      ACME.administrators.push(...saved[0]!);
      GLOBEX.administrators.push(...saved[1]!);
    }
  });

  it('reads the granted scopes as LinkedIn writes them (comma- or space-separated)', () => {
    expect(grantsOrganizationScopes('openid,profile,w_member_social,w_organization_social,r_organization_admin')).toBe(true);
    expect(grantsOrganizationScopes('r_organization_admin w_organization_social')).toBe(true);
    expect(grantsOrganizationScopes('openid,profile,w_member_social,r_organization_admin')).toBe(false);
    expect(grantsOrganizationScopes('')).toBe(false);
  });
});

describe('publishing as an organization page', () => {
  let manager: Caller;
  let page: string;
  beforeAll(async () => {
    manager = await p.t.signUp('Publishing manager');
    const { body } = await connect(manager);
    page = body.organizationAccounts!.find((a) => a.urn === acmeUrn)!.id;
  });

  it('a text post goes out with the page as its author', async () => {
    const { post, requests } = await publishAs(manager, page);
    expect(post).toMatchObject({ status: 'PUBLISHED', linkedInAccount: { id: page, urn: acmeUrn } });
    expect(requests.map(line)).toEqual(['POST /rest/posts']);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ author: acmeUrn, lifecycleState: 'PUBLISHED', visibility: 'PUBLIC' });
    expect(p.fake.posts.at(-1)).toMatchObject({ urn: post.linkedInUrn, author: acmeUrn });
  });

  it('an image post uploads the image as the page, then posts it as the page', async () => {
    const uploaded = await uploadWithFetch(p.t, manager.token, await fixtures.png(), { type: 'image/png', name: 'logo.png', altText: 'Our logo' });
    expect(uploaded.errors).toBeUndefined();
    const { post, requests } = await publishAs(manager, page, { media: { id: uploaded.data!.uploadMedia.id } });
    expect(post.status).toBe('PUBLISHED');
    const urn = p.fake.assets.at(-1)!.urn;
    expect(requests.map(line)).toEqual([
      'POST /rest/images?action=initializeUpload',
      `PUT /upload/images/${urn.split(':').at(-1)}`,
      `GET /rest/images/${encodeURIComponent(urn)}`,
      'POST /rest/posts',
    ]);
    expect(JSON.parse(requests[0]!.body)).toEqual({ initializeUploadRequest: { owner: acmeUrn } });
    expect(p.fake.assets.at(-1)).toMatchObject({ owner: acmeUrn, status: 'AVAILABLE' });
    expect(JSON.parse(requests[3]!.body)).toMatchObject({ author: acmeUrn, content: { media: { id: urn, altText: 'Our logo' } } });
  });

  it('a member who is no longer an administrator: LinkedIn answers 403 and the post fails for that reason, not retried', async () => {
    const admins = ACME.administrators.splice(0);
    try {
      const { post, requests } = await publishAs(manager, page);
      expect(requests.map(line)).toEqual(['POST /rest/posts']);
      expect(post.status).toBe('FAILED');
      expect(post.publishAttempts).toEqual([
        expect.objectContaining({ number: 1, outcome: 'FAILED', httpStatus: 403, errorCategory: 'client', retryable: false }),
      ]);
      expect(post.publishError).toMatch(
        /^LinkedIn refused to publish as the organization page urn:li:organization:2414183: the member who connected it is not \(or no longer\) one of its administrators/,
      );
      // The page stays connected: an administrator reconnecting it makes it publish again.
      expect((await accountsOf(manager)).find((a) => a.id === page)).toMatchObject({ status: 'CONNECTED' });
    } finally {
      ACME.administrators.push(...admins);
    }
  });

  it("LinkedIn refusing the member's token (401) marks the member and every page holding a copy of it NEEDS_RECONNECT, and nothing else", async () => {
    const owner = await p.t.signUp('Token owner');
    const { body } = await connect(owner);
    const other = await p.t.signUp('Another manager');
    await connect(other);
    p.fake.enqueue({ kind: 'unauthorized' });
    const { post } = await publishAs(owner, body.organizationAccounts!.find((a) => a.urn === acmeUrn)!.id);
    expect(post.status).toBe('FAILED');
    expect((await accountsOf(owner)).map((a) => `${a.kind} ${a.status}`).sort()).toEqual([
      'ORGANIZATION NEEDS_RECONNECT',
      'ORGANIZATION NEEDS_RECONNECT',
      'PERSON NEEDS_RECONNECT',
    ]);
    expect((await accountsOf(other)).map((a) => a.status)).toEqual(['CONNECTED', 'CONNECTED', 'CONNECTED']);
  });

  it('the page has its own posting schedule and queue', async () => {
    const workspace = (await p.t.app.db.prisma.linkedInAccount.findUniqueOrThrow({ where: { id: rawId(page) } })).workspaceId;
    const set = await p.t.gql(
      'mutation ($w: ID!, $a: ID!) { setPostingSchedule(workspaceId: $w, accountId: $a, input: { timeZone: "UTC", slots: [{ weekday: 1, time: "09:00" }] }) { account } }',
      { w: encodeGlobalID('Workspace', workspace), a: page },
      { token: manager.token },
    );
    expect(set.errors).toBeUndefined();
    const draft = await p.draft(manager.token);
    const queued = await p.t.gql<{ addToQueue: { status: string; linkedInAccount: { urn: string } } }>(
      'mutation ($id: ID!, $a: ID) { addToQueue(postId: $id, accountId: $a) { status linkedInAccount { urn } } }',
      { id: draft, a: page },
      { token: manager.token },
    );
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.addToQueue).toEqual({ status: 'SCHEDULED', linkedInAccount: { urn: acmeUrn } });
  });
});
