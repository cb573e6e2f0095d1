import { randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nextWithin } from '../helpers/next-within.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

let p: PublishingTestApp;
beforeAll(async () => {
  p = await createPublishingTestApp();
}, 60_000);
afterAll(() => p?.close());

type Caller = Awaited<ReturnType<PublishingTestApp['t']['signUp']>>;

/** One step of the workflow: who did it, with which mutation, and the status it left the post in. */
interface Step {
  actor: Caller;
  mutation: string;
  status: string;
}

/** The first slot minute (UTC) at least `leadMs` away: a schedule with only it makes the queue's next slot that close. */
function slotSoon(leadMs: number) {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return { at, slot: { weekday: at.getUTCDay() || 7, time } };
}

describe('the team workflow end to end, over graphql-ws', () => {
  it('an editor submits, an admin approves and queues it, the worker publishes it once at its slot, and a member sees every status live', async () => {
    const { t } = p;
    const [owner, admin, editor, viewer] = [await t.signUp('Owner'), await t.signUp('Admin'), await t.signUp('Editor'), await t.signUp('Viewer')];
    const created = await t.gql('mutation { createWorkspace(input: { name: "Agency", requiresApproval: true }) { id } }', {}, { token: owner.token });
    const workspaceId = created.data!.createWorkspace.id as string;
    // Members join directly; inviting them is test/workspaces' subject.
    for (const [member, role] of [
      [admin, 'ADMIN'],
      [editor, 'EDITOR'],
      [viewer, 'VIEWER'],
    ] as const) {
      await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(workspaceId), userId: rawId(member.id), role } });
    }
    // The agency's LinkedIn page, connected to the workspace by its admin.
    const accountId = encodeGlobalID('LinkedInAccount', await p.connect(admin.id, { workspaceId }));
    const content = `Our agency's launch, queued for its slot ${randomBytes(4).toString('hex')} #launch`;
    const draft = await t.gql(
      'mutation ($w: ID!, $c: String!) { createPost(input: { workspaceId: $w, content: $c }) { id } }',
      { w: workspaceId, c: content },
      {
        token: editor.token,
      },
    );
    const postId = draft.data!.createPost.id as string;

    const url = (await t.listen()).replace('http', 'ws');
    const client: Client = createClient({ url: `${url}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewer.token}` } });
    const steps: Step[] = [];
    let slotAt = new Date(0);
    const act = async (actor: Caller, mutation: string, query: string, variables: Record<string, unknown>) => {
      const answer = await t.gql(query, variables, { token: actor.token });
      expect(answer.errors, mutation).toBeUndefined();
      steps.push({ actor, mutation, status: answer.data![mutation].status });
      return answer.data![mutation];
    };
    try {
      const events = client.iterate<{ postStatusChanged: { status: string } }>({
        query: 'subscription ($postId: ID!) { postStatusChanged(postId: $postId) { status } }',
        variables: { postId },
      });
      // Archive and unarchive until the subscription is live (an event arrives), then let those events pass.
      const pending: { next?: ReturnType<typeof events.next> } = {};
      for (let live = false; !live; ) {
        expect((await t.gql('mutation ($id: ID!) { archivePost(id: $id) { status } }', { id: postId }, { token: editor.token })).errors).toBeUndefined();
        live = (await nextWithin(events, pending, 500)) !== undefined;
        expect((await t.gql('mutation ($id: ID!) { unarchivePost(id: $id) { status } }', { id: postId }, { token: editor.token })).errors).toBeUndefined();
      }
      while (await nextWithin(events, pending, 500));

      await act(editor, 'submitForReview', 'mutation ($id: ID!) { submitForReview(id: $id) { status } }', { id: postId });
      await act(admin, 'approvePost', 'mutation ($id: ID!) { approvePost(id: $id) { status } }', { id: postId });
      const { at, slot } = slotSoon(4000);
      slotAt = at;
      const schedule = await t.gql(
        'mutation ($w: ID!, $a: ID!, $input: PostingScheduleInput!) { setPostingSchedule(workspaceId: $w, accountId: $a, input: $input) { timeZone } }',
        { w: workspaceId, a: accountId, input: { timeZone: 'UTC', slots: [slot] } },
        { token: admin.token },
      );
      expect(schedule.errors).toBeUndefined();
      const queued = await act(admin, 'addToQueue', 'mutation ($id: ID!) { addToQueue(postId: $id) { status scheduledAt } }', { id: postId });
      expect(queued.scheduledAt).toBe(at.toISOString());

      const statuses: string[] = [];
      while (statuses.at(-1) !== 'PUBLISHED' && statuses.at(-1) !== 'FAILED') {
        const event = await nextWithin(events, pending, 90_000);
        if (!event || event.done) break;
        statuses.push(event.value.data!.postStatusChanged.status);
      }
      expect(statuses).toEqual(['IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED']);
      expect(steps.map((step) => [step.actor.id, step.mutation, step.status])).toEqual([
        [editor.id, 'submitForReview', 'IN_REVIEW'],
        [admin.id, 'approvePost', 'APPROVED'],
        [admin.id, 'addToQueue', 'SCHEDULED'],
      ]);
      await events.return?.();
    } finally {
      await client.dispose();
    }

    const published = await t.gql('query ($id: ID!) { post(id: $id) { status publishedAt linkedInUrn } }', { id: postId }, { token: viewer.token });
    expect(published.data!.post.status).toBe('PUBLISHED');
    // Published at its slot, not before (the worker takes it when its delayed job falls due).
    expect(Date.parse(published.data!.post.publishedAt)).toBeGreaterThanOrEqual(slotAt.getTime());
    // Exactly once: one post reached (fake) LinkedIn with this text, and no second attempt follows.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sent = p.postRequests().filter((request) => request.body.includes('queued for its slot'));
    expect(sent).toHaveLength(1);
    const attempts = await t.app.db.prisma.publishAttempt.count({ where: { postId: rawId(postId) } });
    expect(attempts).toBe(1);

    // The audit log tells the same story, each step with its actor (the worker's as PUBLISHING_WORKER).
    const story = ['POST_CREATED', 'POST_SUBMITTED_FOR_REVIEW', 'POST_APPROVED', 'POST_QUEUED', 'POST_PUBLISHING', 'POST_PUBLISHED'];
    const log = await t.gql(
      `query ($w: ID!, $post: ID!) { workspace(id: $w) { auditLog(first: 20, filter: { targetId: $post, actions: [${story.join(', ')}] }) {
        edges { node { action systemActor actor { id } } } } } }`,
      { w: workspaceId, post: postId },
      { token: admin.token },
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data!.workspace.auditLog.edges.map(
      ({ node }: { node: { action: string; systemActor: string | null; actor: { id: string } | null } }) => [node.action, node.actor?.id ?? node.systemActor],
    );
    expect(entries.reverse()).toEqual([
      ['POST_CREATED', editor.id],
      ['POST_SUBMITTED_FOR_REVIEW', editor.id],
      ['POST_APPROVED', admin.id],
      ['POST_QUEUED', admin.id],
      ['POST_PUBLISHING', 'PUBLISHING_WORKER'],
      ['POST_PUBLISHED', 'PUBLISHING_WORKER'],
    ]);
  }, 150_000);
});
