import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishingTestApp, PUBLISHING_FIELDS, type PublishingTestApp, rawId } from './publishing-app.js';

// The periodic sweep runs every 30 s, so within a test only the explicit recover() calls act.
let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp({ PUBLISH_STALE_AFTER_MS: '60000' });
});
afterAll(() => p?.close());

const READ = `query ($id: ID!) { post(id: $id) { ${PUBLISHING_FIELDS} } }`;

/** Leaves the post as a process that stopped would have: in `status`, last touched an hour ago. */
async function leaveAsStopped(postId: string, accountId: string, state: { status: 'PUBLISHING' | 'SCHEDULED'; attemptCount: number; scheduledAt?: Date }) {
  await p.t.app.db.prisma.$executeRawUnsafe(
    `UPDATE posts SET status = $1::"PostStatus", publish_attempt_count = $2, publish_run_start = 0, linkedin_account_id = $3::uuid,
            scheduled_at = $4, updated_at = now() - interval '1 hour'
      WHERE id = $5::uuid`,
    state.status,
    state.attemptCount,
    accountId,
    state.scheduledAt ?? null,
    rawId(postId),
  );
}

async function authorWithDraft(name: string) {
  const author = await p.t.signUp(name);
  const accountId = await p.connect(author.id);
  const postId = await p.draft(author.token);
  return { author, accountId, postId };
}

const recover = (scheduled = false) => p.t.app.services.publishingRecovery.recover({ scheduled });

describe('recovering publishing work a stopped process left behind', () => {
  it('an attempt claimed but never recorded: logged as interrupted, tried again, sent once', async () => {
    const { author, accountId, postId } = await authorWithDraft('Ada');
    await leaveAsStopped(postId, accountId, { status: 'PUBLISHING', attemptCount: 1 });
    const before = p.postRequests().length;

    expect(await recover()).toMatchObject({ resumed: 1, requeued: 0 });
    expect((await p.settle(postId)).status).toBe('PUBLISHED');
    const read = await p.t.gql(READ, { id: postId }, { token: author.token });
    expect(read.data!.post.publishAttempts).toEqual([
      expect.objectContaining({ number: 1, outcome: 'RETRY', errorCategory: 'interrupted', retryable: true, httpStatus: null }),
      expect.objectContaining({ number: 2, outcome: 'PUBLISHED', httpStatus: 201 }),
    ]);
    expect(p.postRequests().length - before).toBe(1);

    expect(await recover()).toMatchObject({ resumed: 0, requeued: 0 });
    expect(p.postRequests().length - before).toBe(1);
  });

  it('when the lost attempt had reached LinkedIn, the duplicate answer adopts that post', async () => {
    const { author, accountId, postId } = await authorWithDraft('Bo');
    await leaveAsStopped(postId, accountId, { status: 'PUBLISHING', attemptCount: 1 });
    p.fake.enqueue({ kind: 'duplicate', urn: 'urn:li:share:7100000000000000042' });

    await recover();
    const settled = await p.settle(postId);
    expect(settled).toEqual({ status: 'PUBLISHED', linkedInUrn: 'urn:li:share:7100000000000000042' });
    const read = await p.t.gql(READ, { id: postId }, { token: author.token });
    expect(read.data!.post.publishAttempts.map((a: { outcome: string }) => a.outcome)).toEqual(['RETRY', 'PUBLISHED']);
  });

  it('a PUBLISHING post whose first job never ran is queued again', async () => {
    const { accountId, postId } = await authorWithDraft('Cy');
    await leaveAsStopped(postId, accountId, { status: 'PUBLISHING', attemptCount: 0 });
    expect(await recover()).toMatchObject({ resumed: 0, requeued: 1 });
    expect((await p.settle(postId)).status).toBe('PUBLISHED');
  });

  it('a SCHEDULED post whose delayed job is gone is published at its time, once however often recovery runs', async () => {
    const { accountId, postId } = await authorWithDraft('Di');
    await leaveAsStopped(postId, accountId, { status: 'SCHEDULED', attemptCount: 0, scheduledAt: new Date(Date.now() + 1500) });
    const before = p.postRequests().length;

    const first = await recover(true);
    expect(first.scheduled).toBeGreaterThanOrEqual(1);
    await recover(true);
    const post = await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(postId) } });
    expect(post.status).toBe('SCHEDULED');

    expect((await p.settle(postId)).status).toBe('PUBLISHED');
    await recover(true);
    expect(p.postRequests().length - before).toBe(1);
  });

  it('leaves a live attempt alone: a claimed post touched just now is not taken over', async () => {
    const { accountId, postId } = await authorWithDraft('Ed');
    await leaveAsStopped(postId, accountId, { status: 'PUBLISHING', attemptCount: 1 });
    await p.t.app.db.prisma.post.update({ where: { id: rawId(postId) }, data: { publishError: null } });
    expect(await recover()).toMatchObject({ resumed: 0, requeued: 0 });
    const post = await p.t.app.db.prisma.post.findUniqueOrThrow({ where: { id: rawId(postId) }, select: { status: true, publishAttemptCount: true } });
    expect(post).toEqual({ status: 'PUBLISHING', publishAttemptCount: 1 });
  });
});
