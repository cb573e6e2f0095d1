import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createPost } from '../analytics/fixtures.js';
import { backend, createTestApp, openSecondInstance, type TestApp } from '../helpers/test-app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const ME_ROLE = '{ me { id role } }';
const RECORD = 'mutation ($events: [EngagementInput!]!) { recordEngagements(events: $events) }';
const LIST = '{ serviceTokens { id name scopes createdAt lastUsedAt revokedAt createdBy { id } } }';
const ISSUE =
  'mutation ($input: IssueServiceTokenInput!) { issueServiceToken(input: $input) { token serviceToken { id name scopes lastUsedAt revokedAt createdBy { id } } } }';
const REVOKE = 'mutation ($id: ID!) { revokeServiceToken(id: $id) { id revokedAt } }';

interface Listed {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string } | null;
}

let t: TestApp;
let dataDir: string | undefined;
let owner: { token: string; id: string; email: string };
let author: { token: string; id: string; email: string };
let post: string;

// PGlite is one process's: on the embedded backend the test app lives in a directory the command can
// open, and stops while a command runs (as an operator would stop `npm start`).
const open = () => createTestApp(dataDir ? { env: { DATA_DIR: dataDir }, app: { embeddedSnapshot: undefined } } : {});

/** `npm run <script> -- <args>` as a real child process against the test's database. */
async function command(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (dataDir) await t.app.stop();
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...t.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (dataDir) t = await open();
  return { code, stdout, stderr };
}

const record = (token: string, eventId: string) =>
  t.gql<{ recordEngagements: number }>(RECORD, { events: [{ postId: post, type: 'IMPRESSION', count: 1, eventId }] }, { token });

async function listed(id: string): Promise<Listed> {
  const result = await t.gql<{ serviceTokens: Listed[] }>(LIST, {}, { token: owner.token });
  expect(result.errors).toBeUndefined();
  const token = result.data!.serviceTokens.find((candidate) => candidate.id === id);
  if (!token) throw new Error(`service token ${id} is not listed`);
  return token;
}

const impressions = () => t.app.db.prisma.engagementEvent.count();

beforeAll(async () => {
  if (backend === 'embedded') dataDir = await mkdtemp(join(tmpdir(), 'lpa-service-tokens-'));
  t = await open();
  owner = await t.signUp('Owner');
  author = await t.signUp('Author');
  post = await createPost(t, author.token, 'public');
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('user:role', () => {
  it('makes a user an OWNER, shown to themself as User.role and to nobody else', async () => {
    expect((await t.gql(ME_ROLE, {}, { token: owner.token })).data).toEqual({ me: { id: expect.any(String), role: 'USER' } });
    const out = await command('user:role', ['--email', owner.email, '--role', 'OWNER']);
    expect(out).toMatchObject({ code: 0, stdout: `${owner.email} is now OWNER\n` });
    expect((await t.gql(ME_ROLE, {}, { token: owner.token })).data).toEqual({ me: { id: expect.any(String), role: 'OWNER' } });
    const seenByOther = await t.gql(
      'query ($id: ID!) { node(id: $id) { ... on User { role } } }',
      { id: (await t.gql(ME_ROLE, {}, { token: owner.token })).data!.me.id },
      { token: author.token },
    );
    expect(seenByOther.data).toEqual({ node: { role: null } });
  }, 120_000);

  it('refuses an unknown role with a clear message and exit code 2, changing nothing', async () => {
    const unknownRole = await command('user:role', ['--email', author.email, '--role', 'ADMIN']);
    expect(unknownRole).toMatchObject({ code: 2, stdout: '' });
    expect(unknownRole.stderr).toContain('role: must be one of USER, OWNER');
    expect((await t.gql(ME_ROLE, {}, { token: author.token })).data).toMatchObject({ me: { role: 'USER' } });
  }, 120_000);
});

describe('token:service', () => {
  it('mints a named ingest token, printed once, that records engagement over HTTP; only its hash is stored', async () => {
    const out = await command('token:service', ['--scope', 'ingest', '--name', 'linkedin-pipeline']);
    expect(out.code).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^lpa_svc_[A-Za-z0-9_-]{43}$/);
    expect(out.stderr).toContain('"linkedin-pipeline" (ingest)');

    const before = await impressions();
    expect(await record(token, 'cli-1')).toMatchObject({ status: 200, data: { recordEngagements: 1 } });
    expect(await impressions()).toBe(before + 1);

    const rows = await t.app.db.prisma.serviceToken.findMany({ where: { name: 'linkedin-pipeline' } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.slice('lpa_svc_'.length));
    expect(await listed(rows[0]!.id)).toMatchObject({
      name: 'linkedin-pipeline',
      scopes: ['INGEST'],
      createdBy: null,
      revokedAt: null,
      lastUsedAt: expect.any(String),
    });
  }, 120_000);

  it('refuses a missing name and an unknown scope with exit code 2, minting nothing', async () => {
    const count = await t.app.db.prisma.serviceToken.count();
    const out = await command('token:service', ['--scope', 'publish']);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toContain('name: must be 1 to 64 letters');
    expect(out.stderr).toContain('scopes: unknown scope publish; known: ingest');
    expect(await t.app.db.prisma.serviceToken.count()).toBe(count);
  }, 120_000);
});

describe('service tokens through the API', () => {
  it('an owner issues one, sees its last use move (at most once a minute), and revokes it: refused at once', async () => {
    const issued = await t.gql<{ issueServiceToken: { token: string; serviceToken: Listed } }>(
      ISSUE,
      { input: { name: 'api-pipeline', scopes: ['INGEST'] } },
      { token: owner.token },
    );
    expect(issued.errors).toBeUndefined();
    const { token, serviceToken } = issued.data!.issueServiceToken;
    expect(serviceToken).toMatchObject({ name: 'api-pipeline', scopes: ['INGEST'], lastUsedAt: null, revokedAt: null, createdBy: { id: expect.any(String) } });
    expect((await listed(serviceToken.id)).lastUsedAt).toBeNull();

    const beforeUse = Date.now();
    expect((await record(token, 'api-1')).data).toEqual({ recordEngagements: 1 });
    const firstUse = (await listed(serviceToken.id)).lastUsedAt;
    expect(firstUse).not.toBeNull();
    expect(new Date(firstUse!).getTime()).toBeGreaterThanOrEqual(beforeUse);
    expect((await record(token, 'api-2')).data).toEqual({ recordEngagements: 1 });
    expect((await listed(serviceToken.id)).lastUsedAt).toBe(firstUse);

    const revoked = await t.gql<{ revokeServiceToken: { id: string; revokedAt: string } }>(REVOKE, { id: serviceToken.id }, { token: owner.token });
    expect(revoked.data?.revokeServiceToken).toMatchObject({ id: serviceToken.id, revokedAt: expect.any(String) });
    const before = await impressions();
    const refused = await record(token, 'api-3');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toBe('This service token was revoked; an owner can issue a new one.');
    expect(await impressions()).toBe(before);

    const again = await t.gql<{ revokeServiceToken: { revokedAt: string } }>(REVOKE, { id: serviceToken.id }, { token: owner.token });
    expect(again.data?.revokeServiceToken.revokedAt).toBe(revoked.data!.revokeServiceToken.revokedAt);
  });

  it('a token revoked with the command is refused by the running server within a second', async () => {
    const issued = await t.gql<{ issueServiceToken: { token: string; serviceToken: Listed } }>(
      ISSUE,
      { input: { name: 'rotated', scopes: ['INGEST'] } },
      { token: owner.token },
    );
    const { token, serviceToken } = issued.data!.issueServiceToken;
    expect((await record(token, 'rotated-1')).data).toEqual({ recordEngagements: 1 });
    const out = await command('token:service', ['--revoke', serviceToken.id]);
    expect(out).toMatchObject({ code: 0, stdout: `revoked service token ${serviceToken.id} "rotated"\n` });
    // Another process revoked it: the server learns of it at its next read of revocations (SESSION_REVOCATION_SYNC_MS).
    await vi.waitFor(async () => expect((await record(token, `rotated-${Math.random()}`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'), {
      timeout: 5_000,
      interval: 100,
    });
  }, 120_000);

  it('refuses bad names, empty scopes and unknown ids with typed errors, changing nothing', async () => {
    const count = await t.app.db.prisma.serviceToken.count();
    const badName = await t.gql(ISSUE, { input: { name: 'has spaces', scopes: ['INGEST'] } }, { token: owner.token });
    expect(badName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'name' }] });
    const noScopes = await t.gql(ISSUE, { input: { name: 'ok', scopes: [] } }, { token: owner.token });
    expect(noScopes.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'scopes' }] });
    expect(await t.app.db.prisma.serviceToken.count()).toBe(count);
    const unknown = await t.gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, { token: owner.token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const notAnId = await t.gql(REVOKE, { id: 'nope' }, { token: owner.token });
    expect(notAnId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers FORBIDDEN to signed-in non-owners and service tokens, UNAUTHENTICATED to anonymous callers', async () => {
    const ingest = (await t.app.services.serviceTokens.issue({ name: 'not-an-owner', scopes: ['ingest'] })).token;
    const count = await t.app.db.prisma.serviceToken.count();
    const attempts = [
      [LIST, {}],
      [ISSUE, { input: { name: 'sneaky', scopes: ['INGEST'] } }],
      [REVOKE, { id: '00000000-0000-4000-8000-000000000000' }],
    ] as const;
    for (const [document, variables] of attempts) {
      expect((await t.gql(document, variables, { token: author.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(document, variables, { token: ingest })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(document, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await t.app.db.prisma.serviceToken.count()).toBe(count);
  });

  it('refuses an unknown token, and a revoked one on every instance within a second (PostgreSQL + Redis)', async () => {
    const unknown = await record(`lpa_svc_${'x'.repeat(43)}`, 'unknown-1');
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'This service token is unknown or was revoked; an owner can issue a new one.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    if (backend === 'embedded') return;
    const second = await openSecondInstance(t);
    try {
      const { token, serviceToken } = await t.app.services.serviceTokens.issue({ name: 'two-instances', scopes: ['ingest'] });
      const recordOnSecond = (eventId: string) => second.gql(RECORD, { events: [{ postId: post, type: 'IMPRESSION', count: 1, eventId }] }, { token });
      expect((await recordOnSecond('second-1')).data).toEqual({ recordEngagements: 1 });
      expect((await t.gql(REVOKE, { id: serviceToken.id }, { token: owner.token })).errors).toBeUndefined();
      await vi.waitFor(async () => expect((await recordOnSecond(`second-${Math.random()}`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'), {
        timeout: 5_000,
        interval: 100,
      });
    } finally {
      await second.close();
    }
  });

  it('refuses a revoked token on a WebSocket opened before, at its next operation, for good', async () => {
    const { token, serviceToken } = await t.app.services.serviceTokens.issue({ name: 'socket-pipeline', scopes: ['ingest'] });
    const client = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
    });
    const send = async (eventId: string) =>
      (await client.iterate({ query: RECORD, variables: { events: [{ postId: post, type: 'IMPRESSION', count: 1, eventId }] } }).next()).value;
    try {
      expect(await send('socket-1')).toEqual({ data: { recordEngagements: 1 } });
      expect((await t.gql(REVOKE, { id: serviceToken.id }, { token: owner.token })).errors).toBeUndefined();
      expect(await send('socket-2')).toMatchObject({
        errors: [{ message: expect.stringContaining('This service token was revoked'), extensions: { code: 'UNAUTHENTICATED' } }],
      });
    } finally {
      await client.dispose();
    }
    // A service token does not expire, so its revocation is not pruned as an ended session's is.
    const row = await t.app.db.prisma.revokedSession.findUniqueOrThrow({ where: { sessionId: serviceToken.id } });
    expect(row.expiresAt.getUTCFullYear()).toBe(9999);
  });

  // Last: the owner is one no more.
  it('counts a role taken away from the next request on', async () => {
    expect((await t.gql(LIST, {}, { token: owner.token })).errors).toBeUndefined();
    await t.app.db.prisma.user.update({ where: { email: owner.email }, data: { role: 'USER' } });
    expect((await t.gql(LIST, {}, { token: owner.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
