import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import type { AuditAction } from '../../src/modules/audit/audit-actions.rules.js';
import { png } from '../media/fixtures.js';
import { CREATE_UPLOAD, putBytes, type UploadTicketShape } from '../media/upload-client.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from '../publishing/publishing-app.js';
import { type Caller, entriesOf, invitationId, join, ok, uploadWithRequestId, withRequestId } from './audit-helpers.js';

/**
 * Every mutation of the schema is either audited (a row below: how to run it, what entry it must
 * write) or listed as changing no workspace, with why. A new mutation in neither table fails the first
 * test: give it an action (src/modules/audit/audit-actions.rules.ts), call recordAudit in its
 * transaction, and add its row here.
 */
type Who = 'owner' | 'admin' | 'invitee' | 'leaver';
interface Row {
  action: AuditAction;
  /** Who sends it (default: the workspace's OWNER, who wrote the posts). */
  as?: Who;
  /** Runs what the mutation needs first; its result is the mutation's variables. */
  prepare?: () => Promise<Record<string, unknown>>;
  query: string;
  /** The actor's account is gone once it ran, so the entry names no actor. */
  deletesActor?: true;
  /** Sent as a GraphQL multipart request with a small PNG as `$file`. */
  upload?: true;
  /** The global ID the entry's target must be, from the variables and the answer. */
  target: (variables: Record<string, any>, data: Record<string, any>) => string;
}

const NOT_WORKSPACE_STATE: Record<string, string> = {
  signUp: 'creates an account; its personal workspace is born with it',
  logIn: 'sessions are the user’s, not a workspace’s',
  logOut: 'sessions',
  logOutEverywhere: 'sessions',
  refreshSession: 'sessions',
  changePassword: 'the account',
  recordEngagement: 'engagement counts, ingested from LinkedIn; no member changes the workspace',
  recordEngagements: 'as recordEngagement',
  issueServiceToken: 'deployment-wide, for OWNERs of the deployment',
  revokeServiceToken: 'deployment-wide',
  connectLinkedIn: 'only starts the OAuth flow; the callback that stores the account records LINKEDIN_ACCOUNT_CONNECTED',
};

let p: PublishingTestApp;
const callers = {} as Record<Who | 'editor', Caller>;
let workspace: string;
/** The workspace's LinkedIn account (global ID), with a posting schedule of a slot every hour of the working week. */
let account: string;

const answer =
  (field: string, key = 'id') =>
  (_variables: Record<string, any>, data: Record<string, any>) =>
    data[field][key];
const gql = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = callers.owner.token) =>
  ok<T>(await p.t.gql<T>(query, variables, { token }));

const draft = async () =>
  (
    await gql<{ createPost: { id: string } }>('mutation ($w: ID!, $c: String!) { createPost(input: { workspaceId: $w, content: $c }) { id } }', {
      w: workspace,
      c: `Audited draft ${Math.random()} #audit`,
    })
  ).createPost.id;
const inAnHour = (hours = 1) => new Date(Date.now() + hours * 3600_000).toISOString();
const transition = (name: string, id: string, extra = '') => gql(`mutation ($id: ID!) { ${name}(id: $id${extra}) { id } }`, { id });
const scheduled = async () => {
  const id = await draft();
  await gql('mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { id } }', { id, at: inAnHour() });
  return { id, at: inAnHour(2) };
};
/** A READY image in the workspace, uploaded by its OWNER. */
const uploaded = async () => {
  const response = await uploadWithRequestId(
    p.t,
    'mutation ($file: Upload!, $w: ID!) { uploadMedia(file: $file, workspaceId: $w) { id } }',
    { w: workspace },
    callers.owner.token,
    await png(),
  );
  return (ok(response) as { uploadMedia: { id: string } }).uploadMedia.id;
};
const GENERATE = 'mutation ($w: ID!, $topic: String!) { generatePost(input: { workspaceId: $w, topic: $topic }) { id } }';
/** A topic no earlier request asked for, so the job is QUEUED rather than answered from the cache. */
const freshTopic = async () => ({ w: workspace, topic: `Audited topic ${Math.random()}` });
const submitted = async () => {
  const id = await draft();
  await transition('submitForReview', id);
  return { id };
};
const commented = async () => {
  const postId = await draft();
  const { addComment } = await gql<{ addComment: { id: string } }>('mutation ($p: ID!) { addComment(postId: $p, body: "First!") { id } }', { p: postId });
  return { id: addComment.id };
};
const invited = async (email = `someone${Math.random()}@example.com`) => {
  const { inviteMember } = await gql<{ inviteMember: { id: string; token: string } }>(
    'mutation ($w: ID!, $e: String!) { inviteMember(input: { workspaceId: $w, email: $e, role: EDITOR }) { id token } }',
    { w: workspace, e: email },
  );
  return inviteMember;
};
const newMember = async (role: 'VIEWER' | 'EDITOR' = 'VIEWER') => {
  const user = await p.t.signUp('Member');
  await join(p.t, workspace, user, role);
  return user;
};

const AUDITED: Record<string, Row> = {
  createPost: {
    action: 'POST_CREATED',
    prepare: async () => ({ w: workspace }),
    query: 'mutation ($w: ID!) { createPost(input: { workspaceId: $w, content: "Hello team" }) { id } }',
    target: answer('createPost'),
  },
  updatePost: {
    action: 'POST_UPDATED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { updatePost(id: $id, input: { content: "Edited", tone: CASUAL }) { id } }',
    target: (v) => v.id,
  },
  deletePost: {
    action: 'POST_DELETED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { deletePost(id: $id) }',
    target: (v) => v.id,
  },
  archivePost: {
    action: 'POST_ARCHIVED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { archivePost(id: $id) { id } }',
    target: (v) => v.id,
  },
  unarchivePost: {
    action: 'POST_UNARCHIVED',
    prepare: async () => {
      const id = await draft();
      await transition('archivePost', id);
      return { id };
    },
    query: 'mutation ($id: ID!) { unarchivePost(id: $id) { id } }',
    target: (v) => v.id,
  },
  submitForReview: {
    action: 'POST_SUBMITTED_FOR_REVIEW',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { submitForReview(id: $id) { id } }',
    target: (v) => v.id,
  },
  approvePost: { action: 'POST_APPROVED', as: 'admin', prepare: submitted, query: 'mutation ($id: ID!) { approvePost(id: $id) { id } }', target: (v) => v.id },
  requestChanges: {
    action: 'POST_CHANGES_REQUESTED',
    as: 'admin',
    prepare: submitted,
    query: 'mutation ($id: ID!) { requestChanges(id: $id, comment: "Shorter, please") { id } }',
    target: (v) => v.id,
  },
  restoreRevision: {
    action: 'POST_REVISION_RESTORED',
    prepare: async () => {
      const id = await draft();
      await gql('mutation ($id: ID!) { updatePost(id: $id, input: { content: "Second take" }) { id } }', { id });
      const { post } = await gql<{ post: { revisions: { edges: { node: { id: string } }[] } } }>(
        'query ($id: ID!) { post(id: $id) { revisions { edges { node { id } } } } }',
        { id },
      );
      return { id, revision: post.revisions.edges.at(-1)!.node.id };
    },
    query: 'mutation ($id: ID!, $revision: ID!) { restoreRevision(id: $id, revisionId: $revision) { id } }',
    target: (v) => v.id,
  },
  publishPost: {
    action: 'POST_PUBLISH_REQUESTED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { publishPost(id: $id) { id } }',
    target: (v) => v.id,
  },
  schedulePost: {
    action: 'POST_SCHEDULED',
    prepare: async () => ({ id: await draft(), at: inAnHour() }),
    query: 'mutation ($id: ID!, $at: DateTime!) { schedulePost(id: $id, at: $at) { id } }',
    target: (v) => v.id,
  },
  reschedulePost: {
    action: 'POST_RESCHEDULED',
    prepare: scheduled,
    query: 'mutation ($id: ID!, $at: DateTime!) { reschedulePost(id: $id, at: $at) { id } }',
    target: (v) => v.id,
  },
  cancelSchedule: {
    action: 'POST_SCHEDULE_CANCELLED',
    prepare: scheduled,
    query: 'mutation ($id: ID!) { cancelSchedule(id: $id) { id } }',
    target: (v) => v.id,
  },
  addComment: {
    action: 'COMMENT_ADDED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { addComment(postId: $id, body: "Looks good") { id } }',
    target: answer('addComment'),
  },
  editComment: {
    action: 'COMMENT_EDITED',
    prepare: commented,
    query: 'mutation ($id: ID!) { editComment(id: $id, body: "Looks great") { id } }',
    target: (v) => v.id,
  },
  deleteComment: { action: 'COMMENT_DELETED', prepare: commented, query: 'mutation ($id: ID!) { deleteComment(id: $id) }', target: (v) => v.id },
  createWorkspace: {
    action: 'WORKSPACE_CREATED',
    query: 'mutation { createWorkspace(input: { name: "Another team" }) { id } }',
    target: answer('createWorkspace'),
  },
  updateWorkspace: {
    action: 'WORKSPACE_UPDATED',
    as: 'admin',
    prepare: async () => ({ w: workspace, name: `Renamed ${Math.random()}` }),
    query: 'mutation ($w: ID!, $name: String!) { updateWorkspace(id: $w, input: { name: $name, requiresApproval: true }) { id } }',
    target: (v) => v.w,
  },
  inviteMember: {
    action: 'MEMBER_INVITED',
    as: 'admin',
    prepare: async () => ({ w: workspace }),
    query: 'mutation ($w: ID!) { inviteMember(input: { workspaceId: $w, email: "new@example.com", role: VIEWER }) { id } }',
    target: (_v, data) => invitationId(data.inviteMember.id),
  },
  acceptInvitation: {
    action: 'INVITATION_ACCEPTED',
    as: 'invitee',
    prepare: async () => {
      callers.invitee = await p.t.signUp('Invitee');
      const { id, token } = await invited(callers.invitee.email);
      return { token, invitation: id };
    },
    query: 'mutation ($token: String!) { acceptInvitation(token: $token) { id } }',
    target: (v) => invitationId(v.invitation),
  },
  revokeInvitation: {
    action: 'INVITATION_REVOKED',
    prepare: async () => ({ id: (await invited()).id }),
    query: 'mutation ($id: ID!) { revokeInvitation(id: $id) { id } }',
    target: (v) => invitationId(v.id),
  },
  changeMemberRole: {
    action: 'MEMBER_ROLE_CHANGED',
    as: 'admin',
    prepare: async () => ({ w: workspace, user: (await newMember()).id }),
    query: 'mutation ($w: ID!, $user: ID!) { changeMemberRole(workspaceId: $w, userId: $user, role: EDITOR) }',
    target: (v) => v.user,
  },
  removeMember: {
    action: 'MEMBER_REMOVED',
    as: 'admin',
    prepare: async () => ({ w: workspace, user: (await newMember()).id }),
    query: 'mutation ($w: ID!, $user: ID!) { removeMember(workspaceId: $w, userId: $user) }',
    target: (v) => v.user,
  },
  leaveWorkspace: {
    action: 'MEMBER_LEFT',
    as: 'leaver',
    prepare: async () => {
      callers.leaver = await newMember('EDITOR');
      return { w: workspace };
    },
    query: 'mutation ($w: ID!) { leaveWorkspace(workspaceId: $w) }',
    target: () => callers.leaver.id,
  },
  // The account goes: the entry stays in the shared workspace it belonged to, its actor null from then on.
  deleteAccount: {
    action: 'MEMBER_ACCOUNT_DELETED',
    as: 'leaver',
    prepare: async () => {
      callers.leaver = await newMember('EDITOR');
      return {};
    },
    query: 'mutation { deleteAccount(password: "correct horse battery") }',
    target: () => callers.leaver.id,
    deletesActor: true,
  },
  setPostingSchedule: {
    action: 'POSTING_SCHEDULE_SET',
    prepare: async () => ({ w: workspace, a: account }),
    query:
      'mutation ($w: ID!, $a: ID!) { setPostingSchedule(workspaceId: $w, accountId: $a, input: { timeZone: "Europe/Berlin", slots: [{ weekday: 1, time: "09:00" }, { weekday: 3, time: "09:00" }] }) { timeZone } }',
    target: (v) => v.a,
  },
  addToQueue: {
    action: 'POST_QUEUED',
    prepare: async () => ({ id: await draft() }),
    query: 'mutation ($id: ID!) { addToQueue(postId: $id) { id } }',
    target: (v) => v.id,
  },
  shuffleQueue: {
    action: 'QUEUE_SHUFFLED',
    prepare: async () => ({ w: workspace, a: account }),
    query: 'mutation ($w: ID!, $a: ID!) { shuffleQueue(workspaceId: $w, accountId: $a) { id } }',
    target: (v) => v.a,
  },
  reschedulePosts: {
    action: 'POST_RESCHEDULED',
    prepare: scheduled,
    query: 'mutation ($id: ID!, $at: DateTime!) { reschedulePosts(changes: [{ id: $id, at: $at }]) { id } }',
    target: (v) => v.id,
  },
  uploadMedia: {
    action: 'MEDIA_UPLOADED',
    upload: true,
    prepare: async () => ({ w: workspace }),
    query: 'mutation ($file: Upload!, $w: ID!) { uploadMedia(file: $file, workspaceId: $w) { id } }',
    target: answer('uploadMedia'),
  },
  createUpload: {
    action: 'MEDIA_UPLOAD_STARTED',
    prepare: async () => ({ w: workspace }),
    query: 'mutation ($w: ID!) { createUpload(input: { contentType: "image/png", bytes: 100, workspaceId: $w }) { media { id } } }',
    target: (_v, data) => data.createUpload.media.id,
  },
  completeUpload: {
    action: 'MEDIA_UPLOADED',
    prepare: async () => {
      const bytes = await png();
      const { createUpload: ticket } = await gql<{ createUpload: UploadTicketShape }>(CREATE_UPLOAD, {
        input: { contentType: 'image/png', bytes: bytes.length, workspaceId: workspace },
      });
      expect((await putBytes(p.t, ticket, bytes)).status).toBe(200);
      return { id: ticket.media.id };
    },
    query: 'mutation ($id: ID!) { completeUpload(id: $id) { id } }',
    target: (v) => v.id,
  },
  updateMediaAltText: {
    action: 'MEDIA_ALT_TEXT_CHANGED',
    prepare: async () => ({ id: await uploaded() }),
    query: 'mutation ($id: ID!) { updateMediaAltText(id: $id, altText: "A chart of the quarter") { id } }',
    target: (v) => v.id,
  },
  deleteMedia: {
    action: 'MEDIA_DELETED',
    prepare: async () => ({ id: await uploaded() }),
    query: 'mutation ($id: ID!) { deleteMedia(id: $id) }',
    target: (v) => v.id,
  },
  generatePost: { action: 'GENERATION_REQUESTED', prepare: freshTopic, query: GENERATE, target: answer('generatePost') },
  generatePosts: {
    action: 'GENERATION_REQUESTED',
    prepare: freshTopic,
    query: 'mutation ($w: ID!, $topic: String!) { generatePosts(inputs: [{ workspaceId: $w, topic: $topic }]) { id } }',
    target: (_v, data) => data.generatePosts[0].id,
  },
  cancelGeneration: {
    action: 'GENERATION_CANCELLED',
    prepare: async () => ({ id: (await gql<{ generatePost: { id: string } }>(GENERATE, await freshTopic())).generatePost.id }),
    query: 'mutation ($id: ID!) { cancelGeneration(id: $id) { id } }',
    target: (v) => v.id,
  },
  disconnectLinkedIn: {
    action: 'LINKEDIN_ACCOUNT_DISCONNECTED',
    prepare: async () => {
      const member = { sub: `spare-${Math.random()}`, givenName: 'Spare', familyName: 'Account', email: 'spare@example.com' };
      return { id: encodeGlobalID('LinkedInAccount', await p.connect(callers.owner.id, { member, workspaceId: workspace })) };
    },
    query: 'mutation ($id: ID!) { disconnectLinkedIn(id: $id) }',
    target: (v) => v.id,
  },
};

beforeAll(async () => {
  p = await createPublishingTestApp();
  callers.owner = await p.t.signUp('Owner');
  callers.admin = await p.t.signUp('Admin');
  callers.editor = await p.t.signUp('Editor');
  workspace = (await gql<{ createWorkspace: { id: string } }>('mutation { createWorkspace(input: { name: "Audited" }) { id } }')).createWorkspace.id;
  await join(p.t, workspace, callers.admin, 'ADMIN');
  await join(p.t, workspace, callers.editor, 'EDITOR');
  account = encodeGlobalID('LinkedInAccount', await p.connect(callers.owner.id, { workspaceId: workspace }));
  const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00'].map((time) => ({ weekday, time })),
  );
  await gql(
    'mutation ($w: ID!, $a: ID!, $s: [PostingSlotInput!]!) { setPostingSchedule(workspaceId: $w, accountId: $a, input: { timeZone: "UTC", slots: $s }) { timeZone } }',
    {
      w: workspace,
      a: account,
      s: slots,
    },
  );
}, 120_000);
afterAll(() => p?.close());

describe('audit coverage of mutations', () => {
  it('has an audit row, or a reason for none, for every mutation in the schema', () => {
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).sort();
    expect(Object.keys(AUDITED).filter((name) => name in NOT_WORKSPACE_STATE)).toEqual([]);
    expect([...Object.keys(AUDITED), ...Object.keys(NOT_WORKSPACE_STATE)].sort()).toEqual(mutations);
  });

  it.each(Object.entries(AUDITED))('%s writes exactly one entry: its action, actor, target and request id', async (_name, row) => {
    const variables = (await row.prepare?.()) ?? {};
    const actor = callers[row.as ?? 'owner'];
    const response = row.upload
      ? await uploadWithRequestId(p.t, row.query, variables, actor.token, await png())
      : await withRequestId(p.t, row.query, variables, actor.token);
    const data = ok(response);
    const written = (await entriesOf(p.t, response.requestId)).filter((entry) => entry.systemActor === null);
    expect(written).toHaveLength(1);
    const [entry] = written;
    expect(entry).toMatchObject({ action: row.action, actorId: row.deletesActor ? null : rawId(actor.id), requestId: response.requestId });
    expect(encodeGlobalID(typenameOf(entry!.targetType), entry!.targetId)).toBe(row.target(variables, data as Record<string, any>));
    // The entry is the workspace's the change happened in: where the target lives.
    expect(entry!.workspaceId).toBe(await workspaceOf(entry!.targetType, entry!.targetId, entry!.workspaceId));
  });
});

const TYPENAMES: Record<string, string> = {
  POST: 'Post',
  COMMENT: 'PostComment',
  WORKSPACE: 'Workspace',
  INVITATION: 'Invitation',
  MEMBER: 'User',
  LINKEDIN_ACCOUNT: 'LinkedInAccount',
  MEDIA: 'Media',
  GENERATION_JOB: 'GenerationJob',
};
const typenameOf = (type: string) => TYPENAMES[type] ?? type;

/** Where a target lives, when it still exists (deleted ones keep the workspace the entry names). */
async function workspaceOf(type: string, id: string, recorded: string): Promise<string> {
  const prisma = p.t.app.db.prisma;
  if (type === 'POST') return (await prisma.post.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId ?? recorded;
  if (type === 'WORKSPACE') return id;
  if (type === 'INVITATION') return (await prisma.workspaceInvitation.findUniqueOrThrow({ where: { id } })).workspaceId;
  if (type === 'MEMBER') return rawId(workspace);
  if (type === 'GENERATION_JOB') return (await prisma.generationJob.findUniqueOrThrow({ where: { id }, select: { workspaceId: true } })).workspaceId;
  if (type === 'COMMENT') {
    const comment = await prisma.postComment.findUnique({ where: { id }, select: { post: { select: { workspaceId: true } } } });
    return comment?.post.workspaceId ?? recorded;
  }
  return recorded;
}
