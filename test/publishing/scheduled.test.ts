import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { nextWithin } from '../helpers/next-within.js';
import { backend } from '../helpers/test-app.js';
import { createPublishingTestApp, type PublishingTestApp } from './publishing-app.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
});
afterAll(() => p?.close());

const SCHEDULE = 'mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { status scheduledAt } }';
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe('scheduled publishing', () => {
  it('a subscriber sees SCHEDULED → PUBLISHING → PUBLISHED live', async () => {
    const author = await p.t.signUp('Ada');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    const url = (await p.t.listen()).replace('http', 'ws');
    const client: Client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${author.token}` } });
    try {
      const events = client.iterate<{ postStatusChanged: { id: string; status: string; linkedInUrn: string | null } }>({
        query: 'subscription ($postId: ID!) { postStatusChanged(postId: $postId) { id status linkedInUrn } }',
        variables: { postId },
      });
      const statuses: string[] = [];
      // Schedule far ahead until the subscription is live (its first event arrives); then schedule for real.
      const pending: { next?: ReturnType<typeof events.next> } = {};
      for (let i = 1; statuses.length === 0; i++) {
        const far = await p.t.gql(SCHEDULE, { id: postId, at: inSeconds(3600 + i) }, { token: author.token });
        expect(far.errors).toBeUndefined();
        const first = await nextWithin(events, pending, 500);
        if (first && !first.done) statuses.push(first.value.data!.postStatusChanged.status);
      }
      const soon = await p.t.gql(SCHEDULE, { id: postId, at: inSeconds(3) }, { token: author.token });
      expect(soon.data!.schedulePost.status).toBe('SCHEDULED');
      while (statuses.at(-1) !== 'PUBLISHED' && statuses.at(-1) !== 'FAILED') {
        const event = await (pending.next ?? events.next());
        pending.next = undefined;
        if (event.done) break;
        statuses.push(event.value.data!.postStatusChanged.status);
      }
      expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual(['SCHEDULED', 'PUBLISHING', 'PUBLISHED']);
      await events.return?.();
    } finally {
      await client.dispose();
    }
    expect(p.postRequests()).toHaveLength(1);
  });

  it('rescheduling moves the job and cancelling returns the post to DRAFT; neither sends anything', async () => {
    const author = await p.t.signUp('Bo');
    await p.connect(author.id);
    const postId = await p.draft(author.token);
    const before = p.postRequests().length;
    await p.t.gql(SCHEDULE, { id: postId, at: inSeconds(1) }, { token: author.token });
    const moved = await p.t.gql(
      'mutation ($id: ID!, $at: DateTime!) { reschedulePost(id: $id, at: $at) { status scheduledAt } }',
      { id: postId, at: inSeconds(3600) },
      { token: author.token },
    );
    expect(moved.errors).toBeUndefined();
    const cancelled = await p.t.gql('mutation ($id: ID!) { cancelSchedule(id: $id) { status scheduledAt } }', { id: postId }, { token: author.token });
    expect(cancelled.data!.cancelSchedule).toEqual({ status: 'DRAFT', scheduledAt: null });
    const again = await p.t.gql('mutation ($id: ID!) { cancelSchedule(id: $id) { status } }', { id: postId }, { token: author.token });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // A post scheduled after these, for the moment the first schedule named, is the only one that goes out.
    const witness = await p.draft(author.token);
    await p.t.gql(SCHEDULE, { id: witness, at: inSeconds(1) }, { token: author.token });
    await p.settle(witness);
    const post = await p.t.gql('query ($id: ID!) { post(id: $id) { status publishAttempts { number } } }', { id: postId }, { token: author.token });
    expect(post.data!.post).toEqual({ status: 'DRAFT', publishAttempts: [] });
    expect(p.postRequests().length - before).toBe(1);
  });

  describe.skipIf(backend === 'embedded')('two server instances sharing PostgreSQL and Redis', () => {
    let second: App;
    beforeAll(async () => {
      second = await createApp(loadConfig(p.t.env));
    });
    afterAll(() => second?.stop());

    it('publishes each scheduled post exactly once', async () => {
      const author = await p.t.signUp('Cy');
      await p.connect(author.id);
      const posts = await Promise.all(Array.from({ length: 4 }, () => p.draft(author.token)));
      const before = p.postRequests().length;
      const at = inSeconds(6);
      for (const id of posts) {
        const scheduled = await p.t.gql(SCHEDULE, { id, at }, { token: author.token });
        expect(scheduled.errors, JSON.stringify(scheduled.errors)).toBeUndefined();
      }
      const settled = await Promise.all(posts.map((id) => p.settle(id)));
      expect(settled.map((s) => s.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
      expect(new Set(settled.map((s) => s.linkedInUrn)).size).toBe(4);
      expect(p.postRequests().length - before).toBe(4);
      const attempts = await p.t.app.db.prisma.publishAttempt.count({ where: { urn: { in: settled.map((s) => s.linkedInUrn!) } } });
      expect(attempts).toBe(4);
    });
  });
});
