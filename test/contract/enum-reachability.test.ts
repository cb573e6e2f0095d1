import { readFile } from 'node:fs/promises';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { buildSchema, isEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../../src/modules/audit/audit-actions.rules.js';
import { type ArticlePagePath, startArticlePages } from '../fakes/article-pages.js';
import { DEFAULT_MEMBER } from '../fakes/linkedin-server.js';
import { startFakeOpenAI } from '../fakes/openai-server.js';
import { finished, generate } from '../generation/jobs-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as mediaFiles from '../media/fixtures.js';
import { uploadWithFetch } from '../media/upload-client.js';
import { createPublishingTestApp, type PublishingTestApp } from '../publishing/publishing-app.js';

/**
 * Every value of every enum a client can read in schema.graphql must be reachable through the API:
 * seen in an answer, or taken as an argument. Each row says how, and proves it against a real server
 * (LinkedIn is the fake one). A value without a row fails the first test: add the way to reach it.
 */

let p: PublishingTestApp;
let t: TestApp;
let author: { token: string; id: string; email: string };

beforeAll(async () => {
  p = await createPublishingTestApp();
  t = p.t;
  author = await t.signUp('Enum reacher');
}, 120_000);
afterAll(() => p?.close());

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = author.token): Promise<T> {
  const result = await t.gql<T>(query, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** A scenario run once, however many rows it proves. */
const once = <T>(run: () => Promise<T>) => {
  let running: Promise<T> | undefined;
  return () => (running ??= run());
};

const draft = async (input: Record<string, unknown> = {}) =>
  (
    await ok<{ createPost: { id: string } }>('mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }', {
      input: { content: `Enum reach ${Math.random()}`, ...input },
    })
  ).createPost.id;

const postField = async <T>(id: string, selection: string): Promise<T> =>
  (await ok<{ post: T }>(`query ($id: ID!) { post(id: $id) { ${selection} } }`, { id })).post;

const created = (field: string, input: Record<string, unknown>) => async () => {
  const answer = await ok<{ createPost: Record<string, string> }>(`mutation ($input: CreatePostInput!) { createPost(input: $input) { ${field} } }`, {
    input: { content: `Reaching ${JSON.stringify(input)}`, ...input },
  });
  return [answer.createPost[field]!];
};

const sentimentOf = (content: string) => async () => [
  (await postField<{ analysis: { sentiment: { label: string } } }>(await draft({ content }), 'analysis { sentiment { label } }')).analysis.sentiment.label,
];

/** Runs `query` with `variables`, which hold the value: accepted when it answers without errors. */
const accepted = (query: string, variables: (value: string) => Promise<Record<string, unknown>> | Record<string, unknown>) => async (value: string) => {
  await ok(query, await variables(value));
  return [value];
};

/** Publishing to the fake LinkedIn: every post status, attempt outcome and account status the flows leave. */
/** A draft edited once, and the diff of its two revisions: a word removed, one added, the rest kept. */
const revisionDiff = once(async () => {
  const id = await draft({ content: 'Hiring two engineers.' });
  await ok('mutation ($id: ID!) { updatePost(id: $id, input: { content: "Hiring three engineers." }) { id } }', { id });
  const history = await postField<{ revisions: { edges: { node: { id: string } }[] } }>(id, 'revisions { edges { node { id } } }');
  const [to, from] = history.revisions.edges.map((edge) => edge.node.id);
  const { revisionDiff } = await ok<{ revisionDiff: { kind: string }[] }>('query ($from: ID!, $to: ID!) { revisionDiff(from: $from, to: $to) { kind } }', {
    from,
    to,
  });
  return revisionDiff.map((segment) => segment.kind);
});

const publishing = once(async () => {
  const seen = { post: new Set<string>(), outcome: new Set<string>(), account: new Set<string>(), kind: new Set<string>() };
  const statusOf = async (id: string) => {
    const post = await postField<{ status: string; publishAttempts: { outcome: string }[] }>(id, 'status publishAttempts { outcome }');
    seen.post.add(post.status);
    for (const attempt of post.publishAttempts) seen.outcome.add(attempt.outcome);
  };
  const accounts = async () => {
    for (const account of (await ok<{ me: { linkedInAccounts: { status: string; kind: string }[] } }>('{ me { linkedInAccounts { status kind } } }')).me
      .linkedInAccounts) {
      seen.account.add(account.status);
      seen.kind.add(account.kind);
    }
  };
  const PUBLISH = 'mutation ($id: ID!, $accountId: ID) { publishPost(id: $id, accountId: $accountId) { status } }';
  const SCHEDULE = 'mutation ($id: ID!, $at: DateTime!, $accountId: ID) { schedulePost(id: $id, at: $at, accountId: $accountId) { status } }';

  const member = await p.connect(author.id);
  const memberId = encodeGlobalID('LinkedInAccount', member);
  await accounts();
  const later = await draft();
  seen.post.add(
    (await ok<{ schedulePost: { status: string } }>(SCHEDULE, { id: later, at: new Date(Date.now() + 3600_000).toISOString(), accountId: memberId }))
      .schedulePost.status,
  );

  const now = await draft();
  seen.post.add((await ok<{ publishPost: { status: string } }>(PUBLISH, { id: now, accountId: memberId })).publishPost.status);
  await p.settle(now);
  await statusOf(now);

  p.fake.enqueue({ kind: 'server_error' }, 'posts');
  const retried = await draft();
  await ok(PUBLISH, { id: retried, accountId: memberId });
  await p.settle(retried);
  await statusOf(retried);

  // A token that expires before the scheduled time: the account is EXPIRED when the job runs.
  const shortLived = await p.connect(author.id, {
    member: { sub: 'short-lived', givenName: 'Brief', familyName: 'Token', email: 'brief@example.com' },
    expiresAt: new Date(Date.now() + 1500),
  });
  const expiring = await draft();
  await ok(SCHEDULE, { id: expiring, at: new Date(Date.now() + 2500).toISOString(), accountId: encodeGlobalID('LinkedInAccount', shortLived) });
  await vi.waitFor(() => p.settle(expiring, ['FAILED']), { timeout: 20_000 });
  await statusOf(expiring);

  p.fake.enqueue({ kind: 'unauthorized' }, 'posts');
  const refused = await draft();
  await ok(PUBLISH, { id: refused, accountId: memberId });
  await p.settle(refused);
  await statusOf(refused);
  await accounts();
  return seen;
});

/** Article previews from pages on an allowed loopback address, each path failing its own way, plus refused and closed addresses. */
const articlePreviews = once(async () => {
  const pages = await startArticlePages();
  const app = await createTestApp({ env: { ARTICLE_PREVIEW_ALLOWED_CIDRS: '127.0.0.1/32', ARTICLE_PREVIEW_TIMEOUT_MS: '500' } });
  try {
    const user = await app.signUp('Previewer');
    const paths: ArticlePagePath[] = ['/article', '/slow', '/huge', '/json', '/missing', '/loop'];
    const seen: string[] = [];
    for (const url of [...paths.map(pages.url), pages.blocked, pages.closed]) {
      const answer = await app.gql<{ createPost: { attachment: { previewStatus: string } } }>(
        'mutation ($input: CreatePostInput!) { createPost(input: $input) { attachment { ... on ArticleAttachment { previewStatus } } } }',
        { input: { content: 'An article', article: { url } } },
        { token: user.token },
      );
      seen.push(answer.data!.createPost.attachment.previewStatus);
    }
    return seen;
  } finally {
    await app.close();
    await pages.close();
  }
});

/** Generation on the fast local writer: queued, finished, cancelled. */
const generation = once(async () => {
  const seen = new Set<string>();
  const GENERATE = 'mutation ($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';
  const JOB = 'query ($id: ID!) { generationJob(id: $id) { status } }';
  const job = (await ok<{ generatePost: { id: string; status: string } }>(GENERATE, { input: { topic: 'Reaching every status', tone: 'CASUAL' } }))
    .generatePost;
  seen.add(job.status);
  await vi.waitFor(
    async () => {
      const { status } = (await ok<{ generationJob: { status: string } }>(JOB, { id: job.id })).generationJob;
      seen.add(status);
      expect(status).toBe('SUCCEEDED');
    },
    { timeout: 30_000, interval: 50 },
  );
  const cancelled = (await ok<{ generatePost: { id: string } }>(GENERATE, { input: { topic: 'Cancelled at once', tone: 'CASUAL' } })).generatePost;
  seen.add(
    (await ok<{ cancelGeneration: { status: string } }>('mutation ($id: ID!) { cancelGeneration(id: $id) { status } }', { id: cancelled.id })).cancelGeneration
      .status,
  );
  return seen;
});

/** Generation with a writer slower than the job's time limit, tried once: seen RUNNING, then FAILED. */
const slowGeneration = once(async () => {
  const seen = new Set<string>();
  const slow = await createTestApp({
    env: { GENERATION_LOCAL_CHUNK_DELAY_MS: '400', GENERATION_JOB_TIMEOUT_MS: '1500', GENERATION_ATTEMPTS: '1', GENERATION_BACKOFF_MS: '0' },
  });
  try {
    const user = await slow.signUp('Slow writer');
    const started = await slow.gql<{ generatePost: { id: string } }>(
      'mutation ($input: GeneratePostInput!) { generatePost(input: $input) { id } }',
      {
        input: { topic: 'Too slow to finish', tone: 'CASUAL' },
      },
      { token: user.token },
    );
    await vi.waitFor(
      async () => {
        const answer = await slow.gql<{ generationJob: { status: string; failureReason: string | null } }>(
          'query ($id: ID!) { generationJob(id: $id) { status failureReason } }',
          { id: started.data!.generatePost.id },
          { token: user.token },
        );
        const { status, failureReason } = answer.data!.generationJob;
        seen.add(status);
        if (failureReason) seen.add(`reason:${failureReason}`);
        expect(status).toBe('FAILED');
      },
      { timeout: 30_000, interval: 50 },
    );
  } finally {
    await slow.close();
  }
  return seen;
});

/** The reason a FAILED job gives: cut off by the job's time limit (above), mid-stream by OpenAI, or a language no writer writes. */
const failureReasons = once(async () => {
  const seen = new Set<string>();
  for (const value of await slowGeneration()) if (value.startsWith('reason:')) seen.add(value.slice('reason:'.length));
  const fake = await startFakeOpenAI();
  const cut = await createTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_MAX_RETRIES: '0', GENERATION_ATTEMPTS: '1' } });
  try {
    const user = await cut.signUp('Cut off');
    const runs = [
      { behaviour: { kind: 'cut', afterChunks: 40 } as const, input: { topic: 'Cut mid-post' } },
      { behaviour: { kind: 'status', status: 503 } as const, input: { topic: 'Written in Japanese', language: 'ja' } },
    ];
    for (const run of runs) {
      fake.enqueue(run.behaviour);
      const job = await generate(cut, user.token, run.input);
      await finished(cut, user.token, job.id);
      const answer = await cut.gql<{ generationJob: { failureReason: string | null } }>(
        'query ($id: ID!) { generationJob(id: $id) { failureReason } }',
        { id: job.id },
        { token: user.token },
      );
      if (answer.data?.generationJob.failureReason) seen.add(answer.data.generationJob.failureReason);
    }
  } finally {
    await cut.close();
    await fake.close();
  }
  return seen;
});

const owner = once(async () => {
  const before = (await ok<{ me: { role: string } }>('{ me { role } }')).me.role;
  // What `npm run user:role -- --role OWNER` writes (the command itself: test/users/service-tokens.test.ts).
  await t.app.db.prisma.user.update({ where: { email: author.email }, data: { role: 'OWNER' } });
  const after = (await ok<{ me: { role: string } }>('{ me { role } }')).me.role;
  return [before, after];
});

const postId = once(() => draft());

/** A shared workspace with a member of every role: its creator is OWNER; the others are written as a membership until inviteMember lands. */
const workspaceRoles = once(async () => {
  const { createWorkspace } = await ok<{ createWorkspace: { id: string } }>('mutation { createWorkspace(input: { name: "Enum team" }) { id } }');
  for (const role of ['ADMIN', 'EDITOR', 'VIEWER'] as const) {
    const member = await t.signUp(`Enum ${role}`);
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(createWorkspace.id).id, userId: decodeGlobalID(member.id).id, role } });
  }
  const { workspace } = await ok<{ workspace: { members: { edges: { node: { role: string } }[] } } }>(
    'query ($id: ID!) { workspace(id: $id) { members { edges { node { role } } } } }',
    { id: createWorkspace.id },
  );
  return workspace.members.edges.map((edge) => edge.node.role);
});

/** The author's personal workspace, whose audit log they read as its OWNER. */
const personalWorkspace = once(
  async () =>
    (await ok<{ me: { workspaces: { edges: { node: { id: string } }[] } } }>('{ me { workspaces { edges { node { id } } } } }')).me.workspaces.edges[0]!.node
      .id,
);

const AUDIT_FILTER = 'query ($w: ID!, $filter: AuditLogFilter) { workspace(id: $w) { auditLog(filter: $filter) { totalCount } } }';

/** Who the audit log names for the publishing runs above: the worker recorded PUBLISHED and FAILED. */
const auditSystemActors = once(async () => {
  await publishing();
  const { workspace } = await ok<{ workspace: { auditLog: { edges: { node: { systemActor: string | null } }[] } } }>(
    'query ($w: ID!) { workspace(id: $w) { auditLog(first: 100, filter: { actions: [POST_PUBLISHED] }) { edges { node { systemActor } } } } }',
    { w: await personalWorkspace() },
  );
  return workspace.auditLog.edges.flatMap((edge) => (edge.node.systemActor ? [edge.node.systemActor] : []));
});

/** The fake's member, administrator of a page, connects with `pages: true` through the OAuth callback: the kinds of their accounts. */
const organizationPage = once(async () => {
  p.fake.organizations.push({ id: 424242, localizedName: 'Enum Pages Inc', vanityName: 'enum-pages', administrators: [DEFAULT_MEMBER.sub] });
  const admin = await t.signUp('Page administrator');
  const started = await t.gql<{ connectLinkedIn: { url: string } }>('mutation { connectLinkedIn(pages: true) { url } }', {}, { token: admin.token });
  expect(started.errors).toBeUndefined();
  const cookie = started.headers.getSetCookie()[0]!.split(';')[0]!;
  expect((await p.consentAndReturn(started.data!.connectLinkedIn.url, cookie)).status).toBe(200);
  const { me } = await ok<{ me: { linkedInAccounts: { kind: string }[] } }>('{ me { linkedInAccounts { kind } } }', {}, admin.token);
  return me.linkedInAccounts.map((account) => account.kind);
});

type Proof = (value: string) => Promise<Iterable<string>>;

/** `Enum.VALUE` → how a client reaches it, and the proof: the values the way shows (or accepts). */
const REACH: Record<string, { how: string; proof: Proof }> = {
  ...rows(
    'EngagementType',
    ['CLICK', 'COMMENT', 'IMPRESSION', 'REACTION', 'REPOST'],
    'recordEngagement(type:)',
    accepted('mutation ($id: ID!, $type: EngagementType!) { recordEngagement(postId: $id, type: $type) { impressions } }', async (type) => ({
      id: await postId(),
      type,
    })),
  ),
  ...rows('GenerationStatus', ['QUEUED', 'SUCCEEDED', 'CANCELLED'], 'generatePost, generationJob, cancelGeneration', generation),
  ...rows('GenerationStatus', ['RUNNING', 'FAILED'], 'generationJob while the writer runs, and once it overran GENERATION_JOB_TIMEOUT_MS', slowGeneration),
  ...rows(
    'GenerationFailureReason',
    ['TIMEOUT', 'INTERRUPTED', 'UNSUPPORTED_LANGUAGE'],
    'GenerationJob.failureReason: past GENERATION_JOB_TIMEOUT_MS; OpenAI\'s stream cut after text went out; language: "ja", which neither writer writes once OpenAI is down',
    failureReasons,
  ),
  ...rows('DiffKind', ['ADDED', 'REMOVED', 'UNCHANGED'], 'revisionDiff of two revisions of an edited post', revisionDiff),
  'LinkedInAccountKind.PERSON': { how: 'User.linkedInAccounts after connecting a member', proof: async () => (await publishing()).kind },
  'LinkedInAccountKind.ORGANIZATION': {
    how: 'User.linkedInAccounts after connectLinkedIn(pages: true) by an administrator of a page',
    proof: async () => organizationPage(),
  },
  ...rows(
    'ArticlePreviewStatus',
    ['OK', 'TIMEOUT', 'TOO_LARGE', 'NOT_HTML', 'HTTP_ERROR', 'TOO_MANY_REDIRECTS', 'BLOCKED_ADDRESS', 'UNREACHABLE'],
    'createPost(input: { article }) of a page that is fine, drips, is huge, is JSON, is missing, loops; a private address; a closed port',
    articlePreviews,
  ),
  ...rows(
    'LinkedInAccountStatus',
    ['CONNECTED', 'EXPIRED', 'NEEDS_RECONNECT'],
    'User.linkedInAccounts: connected; its token expired before a scheduled post; LinkedIn refused its token',
    async () => (await publishing()).account,
  ),
  ...rows(
    'MetricInterval',
    ['DAY', 'HOUR', 'WEEK'],
    'Post.metricsSeries(interval:)',
    accepted(
      'query ($id: ID!, $interval: MetricInterval!, $from: DateTime!, $to: DateTime!) { post(id: $id) { metricsSeries(interval: $interval, from: $from, to: $to) { at } } }',
      async (interval) => ({ id: await postId(), interval, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() }),
    ),
  ),
  ...rows(
    'PostOrder',
    ['MOST_ENGAGED', 'NEWEST', 'OLDEST', 'SCHEDULED'],
    'posts(orderBy:)',
    accepted('query ($order: PostOrder) { posts(orderBy: $order, first: 1) { totalCount } }', (order) => ({ order })),
  ),
  'PostStatus.DRAFT': { how: 'createPost', proof: created('status', {}) },
  'PostStatus.ARCHIVED': {
    how: 'archivePost',
    proof: async () => [
      (await ok<{ archivePost: { status: string } }>('mutation ($id: ID!) { archivePost(id: $id) { status } }', { id: await draft() })).archivePost.status,
    ],
  },
  'PostStatus.IN_REVIEW': {
    how: 'submitForReview',
    proof: async () => [
      (await ok<{ submitForReview: { status: string } }>('mutation ($id: ID!) { submitForReview(id: $id) { status } }', { id: await draft() })).submitForReview
        .status,
    ],
  },
  'PostStatus.APPROVED': {
    how: 'submitForReview, then approvePost',
    proof: async () => {
      const id = await draft();
      await ok('mutation ($id: ID!) { submitForReview(id: $id) { status } }', { id });
      return [(await ok<{ approvePost: { status: string } }>('mutation ($id: ID!) { approvePost(id: $id) { status } }', { id })).approvePost.status];
    },
  },
  ...rows(
    'PostStatus',
    ['SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED'],
    'schedulePost, publishPost, then post once the job ran (LinkedIn accepting or refusing)',
    async () => (await publishing()).post,
  ),
  ...rows('PostTone', ['CASUAL', 'EDUCATIONAL', 'HUMOROUS', 'INSPIRATIONAL', 'PROFESSIONAL', 'STORYTELLING'], 'createPost(input: { tone })', (tone) =>
    created('tone', { tone })(),
  ),
  ...rows('PostVisibility', ['CONNECTIONS', 'PUBLIC'], 'createPost(input: { visibility })', (visibility) => created('visibility', { visibility })()),
  ...rows(
    'PublishOutcome',
    ['PUBLISHED', 'RETRY', 'FAILED'],
    'Post.publishAttempts after LinkedIn accepted, failed with a 5xx, refused',
    async () => (await publishing()).outcome,
  ),
  'SentimentLabel.POSITIVE': {
    how: 'Post.analysis.sentiment of a glad post',
    proof: sentimentOf('I love this team. What a wonderful, amazing, happy week of great wins!'),
  },
  'SentimentLabel.NEGATIVE': {
    how: 'Post.analysis.sentiment of a grim post',
    proof: sentimentOf('This was a terrible, awful week. I hate how badly the launch failed; a sad disaster.'),
  },
  'SentimentLabel.NEUTRAL': {
    how: 'Post.analysis.sentiment of a plain statement',
    proof: sentimentOf('The quarterly report is published on the company website on Tuesday.'),
  },
  'ServiceTokenScope.INGEST': {
    how: 'issueServiceToken(input: { scopes })',
    proof: async () => {
      await owner();
      return (
        await ok<{ issueServiceToken: { serviceToken: { scopes: string[] } } }>(
          'mutation { issueServiceToken(input: { name: "enum-reach", scopes: [INGEST] }) { serviceToken { scopes } } }',
        )
      ).issueServiceToken.serviceToken.scopes;
    },
  },
  ...rows('MediaKind', ['IMAGE', 'DOCUMENT'], 'uploadMedia of a PNG and of a PDF', async () => (await uploadedMedia()).map((media) => media.kind)),
  'MediaStatus.PENDING': {
    how: 'createUpload',
    proof: async () => [
      (
        await ok<{ createUpload: { media: { status: string } } }>(
          'mutation { createUpload(input: { contentType: "image/png", bytes: 100 }) { media { status } } }',
        )
      ).createUpload.media.status,
    ],
  },
  'MediaStatus.READY': { how: 'uploadMedia', proof: async () => (await uploadedMedia()).map((media) => media.status) },
  ...rows('UserRole', ['USER', 'OWNER'], 'me { role }, before and after npm run user:role', owner),
  ...rows('WorkspaceRole', ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'], 'Workspace.members { role } (and Workspace.viewerRole)', workspaceRoles),
  // Which mutation writes each action, and that it does: test/audit/audit-coverage.test.ts (the worker's: audit-log.test.ts).
  ...rows(
    'AuditAction',
    Object.keys(AUDIT_ACTIONS),
    'Workspace.auditLog(filter: { actions })',
    accepted(AUDIT_FILTER, async (action) => ({ w: await personalWorkspace(), filter: { actions: [action] } })),
  ),
  ...rows(
    'AuditTargetType',
    Object.keys(AUDIT_TARGETS),
    'Workspace.auditLog(filter: { targetTypes })',
    accepted(AUDIT_FILTER, async (type) => ({ w: await personalWorkspace(), filter: { targetTypes: [type] } })),
  ),
  'AuditSystemActor.PUBLISHING_WORKER': { how: 'AuditEntry.systemActor of a post the worker published', proof: auditSystemActors },
};

/** A PNG and a PDF uploaded once, then deleted (their files with them). */
const uploadedMedia = once(async () => {
  const uploaded = [];
  for (const [bytes, type] of [
    [await mediaFiles.png(), 'image/png'],
    [await mediaFiles.pdf(1), 'application/pdf'],
  ] as const) {
    const { data } = await uploadWithFetch(t, author.token, bytes, { type, name: 'enum-reach' });
    uploaded.push(data!.uploadMedia);
    await ok('mutation ($id: ID!) { deleteMedia(id: $id) }', { id: data!.uploadMedia.id });
  }
  return uploaded;
});

function rows(enumName: string, values: string[], how: string, proof: Proof): Record<string, { how: string; proof: Proof }> {
  return Object.fromEntries(values.map((value) => [`${enumName}.${value}`, { how, proof }]));
}

describe('every enum value is reachable through the API', () => {
  it('has a row for every value of every enum in schema.graphql, and none for a value it lacks', async () => {
    const schema = buildSchema(await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const values = Object.values(schema.getTypeMap())
      .filter((type) => isEnumType(type) && !type.name.startsWith('__'))
      .flatMap((type) => (isEnumType(type) ? type.getValues().map((value) => `${type.name}.${value.name}`) : []))
      .sort();
    expect(values.length).toBeGreaterThan(40);
    expect(Object.keys(REACH).sort()).toEqual(values);
  });

  it.each(Object.entries(REACH).map(([key, row]) => [key, row.how, row.proof] as const))(
    '%s: %s',
    async (key, _how, proof) => {
      const value = key.slice(key.indexOf('.') + 1);
      expect([...(await proof(value))]).toContain(value);
    },
    90_000,
  );
});
