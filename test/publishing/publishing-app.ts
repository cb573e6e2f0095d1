import { randomBytes } from 'node:crypto';
import { expect, vi } from 'vitest';
import { BullQueue } from '../../src/infra/queue/bullmq-queue.js';
import type { JobCounts } from '../../src/infra/queue/job-queue.js';
import { createRedisConnections } from '../../src/infra/redis.js';
import { PUBLISH_QUEUE } from '../../src/modules/publishing/publish-job.js';
import { DEFAULT_MEMBER, type FakeLinkedIn, type FakeMember, startFakeLinkedIn } from '../fakes/linkedin-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** A test app whose LinkedIn is the fake server, with retries fast enough for a test. */
export interface PublishingTestApp {
  t: TestApp;
  fake: FakeLinkedIn;
  /**
   * Connects a LinkedIn member for the user (global id) as the OAuth callback would, into the workspace
   * (global id; default their personal one); returns the account's raw id.
   */
  connect(userId: string, options?: { member?: FakeMember; expiresAt?: Date; workspaceId?: string }): Promise<string>;
  /** A new DRAFT by the user; the text is unique so LinkedIn never sees it as a duplicate. */
  draft(token: string, content?: string): Promise<string>;
  /** Polls the database until the post (global id) is in one of `statuses`. */
  settle(postId: string, statuses?: string[]): Promise<{ status: string; linkedInUrn: string | null }>;
  /** POST /rest/posts requests the fake received. */
  postRequests(): FakeLinkedIn['requests'];
  /**
   * The member consents on (fake) LinkedIn, which redirects to our callback; the browser follows it,
   * sending `cookie` (what connectLinkedIn's response set, as `name=value`) if it has one.
   */
  consentAndReturn(authorizationUrl: string, cookie?: string): Promise<Response>;
  /** Jobs in the publishing queue: BullMQ's own counts on Redis, the in-process queue's gauge otherwise. */
  publishQueue(): Promise<JobCounts>;
  close(): Promise<void>;
}

/** The database id inside a Relay global id. */
export const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');

export const REDIRECT_URI = 'http://127.0.0.1:9/auth/linkedin/callback';

export async function createPublishingTestApp(env: Record<string, string> = {}): Promise<PublishingTestApp> {
  const fake = await startFakeLinkedIn();
  const t = await createTestApp({
    env: {
      LINKEDIN_CLIENT_ID: fake.clientId,
      LINKEDIN_CLIENT_SECRET: fake.clientSecret,
      LINKEDIN_REDIRECT_URI: REDIRECT_URI,
      LINKEDIN_API_BASE_URL: fake.url,
      LINKEDIN_OAUTH_BASE_URL: `${fake.url}/oauth/v2`,
      LINKEDIN_VERSION: '202510',
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PUBLISH_RETRY_BASE_MS: '50',
      ...env,
    },
  });
  // The first request pays for warming the schema and the database; let beforeAll's longer timeout cover it.
  await t.signUp('Warm-up');

  return {
    t,
    fake,
    async connect(userId, options = {}) {
      const member = options.member ?? DEFAULT_MEMBER;
      const account = await t.app.services.linkedInAccounts.save({
        userId: rawId(userId),
        author: { urn: `urn:li:person:${member.sub}`, name: `${member.givenName} ${member.familyName}` },
        tokens: { accessToken: fake.issueAccessToken(member), expiresAt: options.expiresAt ?? new Date(Date.now() + 3600_000), scope: 'w_member_social' },
        workspaceId: options.workspaceId && rawId(options.workspaceId),
      });
      return account.id;
    },
    async draft(token, content = `Shipping publishing for real, take ${randomBytes(4).toString('hex')} #launch`) {
      const created = await t.gql<{ createPost: { id: string } }>(
        'mutation ($content: String!) { createPost(input: { content: $content }) { id } }',
        { content },
        { token },
      );
      if (!created.data?.createPost) throw new Error(JSON.stringify(created.errors));
      return created.data.createPost.id;
    },
    async settle(postId, statuses = ['PUBLISHED', 'FAILED']) {
      return vi.waitFor(
        async () => {
          const post = await t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(postId) }, select: { status: true, linkedInUrn: true } });
          if (!statuses.includes(post.status)) throw new Error(`post is ${post.status}`);
          return post;
        },
        { timeout: 15_000, interval: 50 },
      );
    },
    postRequests: () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts'),
    async consentAndReturn(authorizationUrl, cookie) {
      const consent = await fetch(authorizationUrl, { redirect: 'manual' });
      expect(consent.status).toBe(302);
      const redirect = new URL(consent.headers.get('location')!);
      expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
      return fetch(`${await t.listen()}/auth/linkedin/callback${redirect.search}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    },
    async publishQueue() {
      const { redis } = t.app.config;
      if (redis) {
        const connections = createRedisConnections(redis, t.app.logger);
        const queue = new BullQueue(PUBLISH_QUEUE, connections, t.app.logger);
        try {
          return await queue.counts();
        } finally {
          await queue.close();
          await connections.closeAll();
        }
      }
      const { values } = await t.app.metrics.queueJobs.get();
      const jobs = (state: string) => values.find((v) => v.labels.queue === PUBLISH_QUEUE && v.labels.state === state)?.value ?? 0;
      return { waiting: jobs('waiting'), active: jobs('active'), delayed: jobs('delayed') };
    },
    async close() {
      await t?.close();
      await fake.close();
    },
  };
}

export const PUBLISHING_FIELDS = `
  id status scheduledAt publishedAt linkedInUrn linkedInUrl publishError
  linkedInAccount { id urn }
  publishAttempts { number outcome httpStatus errorCategory retryable retryDelayMs durationMs requestId error urn }
`;
