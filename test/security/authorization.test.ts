import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { png } from '../media/fixtures.js';

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'SERVICE_UNAVAILABLE' | 'MEDIA_INVALID' | 'null';
/**
 * Who calls. OWNER created the shared workspace `$workspace` and writes the post `$post` in it; VIEWER,
 * EDITOR and ADMIN are members with that role; nonMember is signed in and belongs to none of it.
 */
const ROLES = ['anonymous', 'nonMember', 'VIEWER', 'EDITOR', 'ADMIN', 'OWNER'] as const;
type Role = (typeof ROLES)[number];
interface Entry {
  /** The operation, run against a fresh draft post written by the owner in the workspace. */
  query: string;
  expected: Record<Role, Outcome>;
  /** Where the answer is, for 'null' outcomes. */
  field: string;
  /** An answer that is there but does not show the owner's data (a list without the draft `$post`) counts as 'null'. */
  empty?: (value: any, draftId: string) => boolean;
  /**
   * Acts on the caller's own account or sessions (ending them, deleting it): each caller is a fresh
   * account signed up for this run, and `$refreshToken` / `$password` are theirs.
   */
  ownAccount?: true;
  /** Sent as a GraphQL multipart request with a small PNG as `$file`. */
  upload?: true;
}

const PUBLIC: Record<Role, Outcome> = { anonymous: 'ok', nonMember: 'ok', VIEWER: 'ok', EDITOR: 'ok', ADMIN: 'ok', OWNER: 'ok' };
const SIGNED_IN: Record<Role, Outcome> = { ...PUBLIC, anonymous: 'UNAUTHENTICATED' };
/** Only the author (the OWNER here); members with other roles are not it. */
const AUTHOR_ONLY: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'FORBIDDEN',
  VIEWER: 'FORBIDDEN',
  EDITOR: 'FORBIDDEN',
  ADMIN: 'FORBIDDEN',
  OWNER: 'ok',
};
/** Writing or publishing another member's post: ADMIN and OWNER (the author) only. */
const OTHERS_POSTS: Record<Role, Outcome> = { ...AUTHOR_ONLY, ADMIN: 'ok' };
/** Members (any role) see it; nobody else. */
const MEMBERS_SEE: Record<Role, Outcome> = { anonymous: 'null', nonMember: 'null', VIEWER: 'ok', EDITOR: 'ok', ADMIN: 'ok', OWNER: 'ok' };
const both = (outcome: Outcome, base: Record<Role, Outcome>) => ({ ...base, ADMIN: outcome, OWNER: outcome });
const OPERATORS_ONLY: Record<Role, Outcome> = {
  ...SIGNED_IN,
  nonMember: 'FORBIDDEN',
  VIEWER: 'FORBIDDEN',
  EDITOR: 'FORBIDDEN',
  ADMIN: 'FORBIDDEN',
  OWNER: 'FORBIDDEN',
};
/**
 * Media of the workspace, uploaded by the OWNER: its uploader and the workspace's managers change it;
 * an EDITOR uses it but does not change someone else's; nobody outside the workspace may.
 */
const MEDIA_CHANGERS: Record<Role, Outcome> = { ...OTHERS_POSTS, nonMember: 'FORBIDDEN' };
/** Uploading into the workspace: the roles that write. */
const MEDIA_UPLOADERS: Record<Role, Outcome> = { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' };
/** Recording engagement for a post of the workspace: the roles that write (recordEngagement). */
const ENGAGEMENT_RECORDERS: Record<Role, Outcome> = { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' };
const NO_SUCH = (id: string) => encodeGlobalID(id, '00000000-0000-0000-0000-000000000000');
const inFuture = () => new Date(Date.now() + 86_400_000).toISOString();

/** Every mutation must have an entry: a new mutation without one fails this test. */
const MUTATIONS: Record<string, Entry> = {
  signUp: {
    field: 'signUp',
    expected: PUBLIC,
    query: 'mutation { signUp(input: { email: "$unique@example.com", password: "long enough pw", name: "N" }) { token } }',
  },
  logIn: { field: 'logIn', expected: PUBLIC, query: 'mutation { logIn(input: { email: "$ownerEmail", password: "correct horse battery" }) { token } }' },
  // Into the personal workspace: anyone signed in.
  createPost: { field: 'createPost', expected: SIGNED_IN, query: 'mutation { createPost(input: { content: "hi" }) { id } }' },
  updatePost: { field: 'updatePost', expected: OTHERS_POSTS, query: 'mutation { updatePost(id: "$post", input: { content: "edited" }) { id } }' },
  deletePost: { field: 'deletePost', expected: OTHERS_POSTS, query: 'mutation { deletePost(id: "$post") }' },
  // ADMIN and OWNER get past authorisation and are stopped by the workspace's missing LinkedIn account.
  publishPost: { field: 'publishPost', expected: both('BAD_USER_INPUT', OTHERS_POSTS), query: 'mutation { publishPost(id: "$post") { id } }' },
  schedulePost: {
    field: 'schedulePost',
    expected: both('BAD_USER_INPUT', OTHERS_POSTS),
    query: `mutation { schedulePost(id: "$post", at: "${inFuture()}") { id } }`,
  },
  createWorkspace: { field: 'createWorkspace', expected: SIGNED_IN, query: 'mutation { createWorkspace(input: { name: "Agency" }) { id } }' },
  inviteMember: {
    field: 'inviteMember',
    expected: OTHERS_POSTS,
    query: 'mutation { inviteMember(input: { workspaceId: "$workspace", email: "$unique@example.com", role: EDITOR }) { id } }',
  },
  // Sent to someone else's email: only its addressee may accept (the happy path is in test/workspaces).
  acceptInvitation: {
    field: 'acceptInvitation',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN', EDITOR: 'FORBIDDEN', ADMIN: 'FORBIDDEN', OWNER: 'FORBIDDEN' },
    query: 'mutation { acceptInvitation(token: "$invitationToken") { id } }',
  },
  revokeInvitation: { field: 'revokeInvitation', expected: OTHERS_POSTS, query: 'mutation { revokeInvitation(id: "$invitation") { id } }' },
  // $target is a VIEWER who joined for this run.
  changeMemberRole: {
    field: 'changeMemberRole',
    expected: OTHERS_POSTS,
    query: 'mutation { changeMemberRole(workspaceId: "$workspace", userId: "$target", role: EDITOR) }',
  },
  removeMember: { field: 'removeMember', expected: OTHERS_POSTS, query: 'mutation { removeMember(workspaceId: "$workspace", userId: "$target") }' },
  // $spare is a workspace like $workspace made for this run; its only OWNER cannot leave it.
  leaveWorkspace: {
    field: 'leaveWorkspace',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', OWNER: 'CONFLICT' },
    query: 'mutation { leaveWorkspace(workspaceId: "$spare") }',
  },
  updateWorkspace: {
    field: 'updateWorkspace',
    expected: OTHERS_POSTS,
    query: 'mutation { updateWorkspace(id: "$workspace", input: { requiresApproval: true }) { id } }',
  },
};

Object.assign(MUTATIONS, {
  reschedulePost: {
    field: 'reschedulePost',
    expected: both('CONFLICT', OTHERS_POSTS),
    query: `mutation { reschedulePost(id: "$post", at: "${inFuture()}") { id } }`,
  },
  cancelSchedule: { field: 'cancelSchedule', expected: both('CONFLICT', OTHERS_POSTS), query: 'mutation { cancelSchedule(id: "$post") { id } }' },
  // The queue (manageQueue: OWNER and ADMIN). No such account: ADMIN and OWNER get past authorisation to BAD_USER_INPUT.
  setPostingSchedule: {
    field: 'setPostingSchedule',
    expected: both('BAD_USER_INPUT', OTHERS_POSTS),
    query: `mutation { setPostingSchedule(workspaceId: "$workspace", accountId: "${NO_SUCH('LinkedInAccount')}", input: { timeZone: "UTC", slots: [] }) { timeZone } }`,
  },
  // Like schedulePost: ADMIN and OWNER get past authorisation to BAD_USER_INPUT ($account has no posting schedule).
  addToQueue: { field: 'addToQueue', expected: both('BAD_USER_INPUT', OTHERS_POSTS), query: 'mutation { addToQueue(postId: "$post") { id } }' },
  shuffleQueue: {
    field: 'shuffleQueue',
    expected: OTHERS_POSTS,
    query: `mutation { shuffleQueue(workspaceId: "$workspace", accountId: "${NO_SUCH('LinkedInAccount')}") { id } }`,
  },
  // A draft is not SCHEDULED: ADMIN and OWNER get past authorisation to CONFLICT.
  reschedulePosts: {
    field: 'reschedulePosts',
    expected: both('CONFLICT', OTHERS_POSTS),
    query: `mutation { reschedulePosts(changes: [{ id: "$post", at: "${inFuture()}" }]) { id } }`,
  },
  // manageLinkedInAccounts; LinkedIn is not configured in tests, so whoever gets past authorisation meets a clear 503.
  connectLinkedIn: {
    field: 'connectLinkedIn',
    expected: both('SERVICE_UNAVAILABLE', OTHERS_POSTS),
    query: 'mutation { connectLinkedIn(workspaceId: "$workspace") { __typename } }',
  },
  // $account is a LinkedIn account of $workspace connected for this run; outside the workspace it does not exist.
  disconnectLinkedIn: {
    field: 'disconnectLinkedIn',
    expected: { ...OTHERS_POSTS, nonMember: 'NOT_FOUND' },
    query: 'mutation { disconnectLinkedIn(id: "$account") }',
  },
  generatePost: {
    field: 'generatePost',
    expected: SIGNED_IN,
    query: 'mutation { generatePost(input: { topic: "hiring engineers" }) { id } }',
  },
  generatePosts: {
    field: 'generatePosts',
    expected: SIGNED_IN,
    query: 'mutation { generatePosts(inputs: [{ topic: "hiring engineers" }]) { id } }',
  },
  // $job is the owner's, in $workspace: its creator, OWNERs and ADMINs cancel it.
  cancelGeneration: { field: 'cancelGeneration', expected: OTHERS_POSTS, query: 'mutation { cancelGeneration(id: "$job") { id } }' },
  recordEngagement: {
    field: 'recordEngagement',
    expected: ENGAGEMENT_RECORDERS,
    query: 'mutation { recordEngagement(postId: "$post", type: IMPRESSION) { impressions } }',
  },
  recordEngagements: {
    field: 'recordEngagements',
    expected: ENGAGEMENT_RECORDERS,
    query: 'mutation { recordEngagements(events: [{ postId: "$post", type: IMPRESSION }]) }',
  },
  // Needs no access token: the refresh token is the credential.
  refreshSession: {
    field: 'refreshSession',
    expected: PUBLIC,
    ownAccount: true,
    query: 'mutation { refreshSession(refreshToken: "$refreshToken") { token } }',
  },
  logOut: { field: 'logOut', expected: SIGNED_IN, ownAccount: true, query: 'mutation { logOut }' },
  logOutEverywhere: { field: 'logOutEverywhere', expected: SIGNED_IN, ownAccount: true, query: 'mutation { logOutEverywhere }' },
  changePassword: {
    field: 'changePassword',
    expected: SIGNED_IN,
    ownAccount: true,
    query: 'mutation { changePassword(currentPassword: "$password", newPassword: "another long password") }',
  },
  deleteAccount: { field: 'deleteAccount', expected: SIGNED_IN, ownAccount: true, query: 'mutation { deleteAccount(password: "$password") }' },
  archivePost: { field: 'archivePost', expected: OTHERS_POSTS, query: 'mutation { archivePost(id: "$post") { id } }' },
  // A draft that is not archived: ADMIN and OWNER get past authorisation to the state machine's CONFLICT.
  unarchivePost: { field: 'unarchivePost', expected: both('CONFLICT', OTHERS_POSTS), query: 'mutation { unarchivePost(id: "$post") { id } }' },
  // Sending a post for review is writing it: its author, or a member who may edit others' posts.
  submitForReview: { field: 'submitForReview', expected: OTHERS_POSTS, query: 'mutation { submitForReview(id: "$post") { id } }' },
  // A draft is not in review: ADMIN and OWNER get past authorisation to the workflow rules' CONFLICT.
  approvePost: { field: 'approvePost', expected: both('CONFLICT', OTHERS_POSTS), query: 'mutation { approvePost(id: "$post") { id } }' },
  requestChanges: {
    field: 'requestChanges',
    expected: both('CONFLICT', OTHERS_POSTS),
    query: 'mutation { requestChanges(id: "$post", comment: "shorter") { id } }',
  },
  // No such revision: ADMIN and OWNER get past authorisation to NOT_FOUND.
  restoreRevision: {
    field: 'restoreRevision',
    expected: both('NOT_FOUND', OTHERS_POSTS),
    query: `mutation { restoreRevision(id: "$post", revisionId: "${NO_SUCH('PostRevision')}") { id } }`,
  },
  // Members who write may comment; VIEWERs read only.
  addComment: {
    field: 'addComment',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' },
    query: 'mutation { addComment(postId: "$post", body: "Shorter?") { id } }',
  },
  // No such comment: every signed-in caller gets past authentication to NOT_FOUND.
  editComment: {
    field: 'editComment',
    expected: { ...SIGNED_IN, nonMember: 'NOT_FOUND', VIEWER: 'NOT_FOUND', EDITOR: 'NOT_FOUND', ADMIN: 'NOT_FOUND', OWNER: 'NOT_FOUND' },
    query: `mutation { editComment(id: "${NO_SUCH('PostComment')}", body: "Edited") { id } }`,
  },
  deleteComment: {
    field: 'deleteComment',
    expected: { ...SIGNED_IN, nonMember: 'NOT_FOUND', VIEWER: 'NOT_FOUND', EDITOR: 'NOT_FOUND', ADMIN: 'NOT_FOUND', OWNER: 'NOT_FOUND' },
    query: `mutation { deleteComment(id: "${NO_SUCH('PostComment')}") }`,
  },
  uploadMedia: {
    field: 'uploadMedia',
    expected: MEDIA_UPLOADERS,
    upload: true,
    query: 'mutation ($file: Upload!) { uploadMedia(file: $file, workspaceId: "$workspace") { id } }',
  },
  createUpload: {
    field: 'createUpload',
    expected: MEDIA_UPLOADERS,
    query: 'mutation { createUpload(input: { contentType: "image/png", bytes: 100, workspaceId: "$workspace" }) { url } }',
  },
  // $media is the owner's PENDING upload in the workspace, whose bytes were never sent: who gets past authorisation gets NOT_UPLOADED.
  completeUpload: {
    field: 'completeUpload',
    expected: both('MEDIA_INVALID', MEDIA_CHANGERS),
    query: 'mutation { completeUpload(id: "$media") { id } }',
  },
  updateMediaAltText: { field: 'updateMediaAltText', expected: MEDIA_CHANGERS, query: 'mutation { updateMediaAltText(id: "$media", altText: "x") { id } }' },
  deleteMedia: { field: 'deleteMedia', expected: MEDIA_CHANGERS, query: 'mutation { deleteMedia(id: "$media") }' },
  // Owners of the service (User.role OWNER) only; every signed-in user here is a plain user.
  issueServiceToken: {
    field: 'issueServiceToken',
    expected: OPERATORS_ONLY,
    query: 'mutation { issueServiceToken(input: { name: "pipeline", scopes: [INGEST] }) { token } }',
  },
  revokeServiceToken: {
    field: 'revokeServiceToken',
    expected: OPERATORS_ONLY,
    query: 'mutation { revokeServiceToken(id: "00000000-0000-0000-0000-000000000000") { id } }',
  },
} satisfies Record<string, Entry>);

const edgesOf = (field?: string) => (value: any, draftId: string) => !(field ? value[field] : value).edges.some((edge: any) => edge.node.id === draftId);
const DAY = { from: `"${new Date(Date.now() - 86_400_000).toISOString()}"`, to: `"${new Date().toISOString()}"` };

/** Every query, and the private fields: what each caller reads of the owner's data. */
const QUERIES: Record<string, Entry> = {
  node: { field: 'node', expected: MEMBERS_SEE, query: '{ node(id: "$post") { id } }' },
  nodes: { field: 'nodes', expected: MEMBERS_SEE, empty: (value) => value[0] === null, query: '{ nodes(ids: ["$post"]) { id } }' },
  me: { field: 'me', expected: { ...SIGNED_IN, anonymous: 'null' }, query: '{ me { id } }' },
  post: { field: 'post', expected: MEMBERS_SEE, query: '{ post(id: "$post") { id } }' },
  posts: {
    field: 'posts',
    expected: { ...MEMBERS_SEE, anonymous: 'null' },
    empty: edgesOf(),
    query: '{ posts(filter: { status: DRAFT }, first: 100) { edges { node { id } } } }',
  },
  searchPosts: {
    field: 'searchPosts',
    expected: { ...MEMBERS_SEE, anonymous: 'null' },
    empty: edgesOf(),
    query: '{ searchPosts(query: "$marker") { edges { node { id } } } }',
  },
  // The job is the owner's, in $workspace: its members see it.
  generationJob: {
    field: 'generationJob',
    expected: MEMBERS_SEE,
    query: '{ generationJob(id: "$job") { id } }',
  },
  analyzeText: { field: 'analyzeText', expected: PUBLIC, query: '{ analyzeText(text: "Hello there") { language } }' },
  analyticsSummary: {
    field: 'analyticsSummary',
    expected: PUBLIC,
    query: `{ analyticsSummary(authorId: "$owner", from: ${DAY.from}, to: ${DAY.to}) { posts } }`,
  },
  topPosts: { field: 'topPosts', expected: PUBLIC, query: `{ topPosts(metric: IMPRESSION, from: ${DAY.from}, to: ${DAY.to}) { id } }` },
  serviceTokens: { field: 'serviceTokens', expected: { ...OPERATORS_ONLY, anonymous: 'UNAUTHENTICATED' }, query: '{ serviceTokens { id } }' },
  // The draft's first revision: members see its history, nobody else.
  revisionDiff: {
    field: 'revisionDiff',
    expected: { ...SIGNED_IN, nonMember: 'NOT_FOUND' },
    query: '{ revisionDiff(from: "$revision", to: "$revision") { kind text } }',
  },
  'Media (node)': {
    field: 'node',
    expected: MEMBERS_SEE,
    query: '{ node(id: "$media") { ... on Media { url } } }',
  },
  workspace: { field: 'workspace', expected: MEMBERS_SEE, query: '{ workspace(id: "$workspace") { id name } }' },
  'node (Workspace)': { field: 'node', expected: MEMBERS_SEE, query: '{ node(id: "$workspace") { id } }' },
  'User.email': {
    field: 'node',
    expected: { ...MEMBERS_SEE, VIEWER: 'null', EDITOR: 'null', ADMIN: 'null' },
    empty: (value) => !value.email,
    query: '{ node(id: "$owner") { ... on User { email } } }',
  },
  'User.posts (drafts)': {
    field: 'node',
    expected: { ...MEMBERS_SEE, anonymous: 'null' },
    empty: edgesOf('posts'),
    query: '{ node(id: "$owner") { ... on User { posts(status: DRAFT, first: 100) { edges { node { id } } } } } }',
  },
  'User.workspaces': {
    field: 'node',
    expected: { ...MEMBERS_SEE, VIEWER: 'null', EDITOR: 'null', ADMIN: 'null' },
    empty: (value) => !value.workspaces.edges.length,
    query: '{ node(id: "$owner") { ... on User { workspaces { edges { node { id } } } } } }',
  },
  'Post.workspace (published)': {
    field: 'post',
    expected: { ...MEMBERS_SEE },
    empty: (value) => !value.workspace,
    query: '{ post(id: "$published") { workspace { id } } }',
  },
  'Workspace.posts (drafts)': {
    field: 'workspace',
    expected: MEMBERS_SEE,
    empty: edgesOf('posts'),
    query: '{ workspace(id: "$workspace") { posts(status: DRAFT) { edges { node { id } } } } }',
  },
  calendar: {
    field: 'calendar',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN' },
    query: `{ calendar(workspaceId: "$workspace", from: ${DAY.from}, to: ${DAY.to}, timeZone: "Europe/Berlin") { date } }`,
  },
  'Workspace.postingSchedules': {
    field: 'workspace',
    expected: MEMBERS_SEE,
    query: '{ workspace(id: "$workspace") { postingSchedules { timeZone } } }',
  },
  'Workspace.members': {
    field: 'workspace',
    expected: MEMBERS_SEE,
    empty: (value) => !value.members.edges.length,
    query: '{ workspace(id: "$workspace") { members { totalCount edges { node { role } } } } }',
  },
  // OWNERs and ADMINs only (readAuditLog); the draft `$post` written for this call is its newest entry.
  'Workspace.auditLog': {
    field: 'workspace',
    expected: { ...MEMBERS_SEE, VIEWER: 'FORBIDDEN', EDITOR: 'FORBIDDEN' },
    empty: (value, draftId) => !value.auditLog.edges.some((edge: any) => edge.node.targetId === draftId),
    query: '{ workspace(id: "$workspace") { auditLog(first: 1) { edges { node { action targetId } } } } }',
  },
  // Members of every role see the analytics of the workspace's draft; outsiders do not see the draft at all.
  'Post.analyticsVisible (draft)': {
    field: 'post',
    expected: MEMBERS_SEE,
    empty: (value) => !value.analyticsVisible,
    query: '{ post(id: "$post") { analyticsVisible metrics { impressions } } }',
  },
  'createPost (in the workspace)': {
    field: 'createPost',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' },
    query: 'mutation { createPost(input: { content: "team draft", workspaceId: "$workspace" }) { id } }',
  },
  'generatePost (in the workspace)': {
    field: 'generatePost',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' },
    query: 'mutation { generatePost(input: { topic: "team topic", workspaceId: "$workspace" }) { id } }',
  },
  // One input into a workspace the caller may not write in refuses the whole batch.
  'generatePosts (in the workspace)': {
    field: 'generatePosts',
    expected: { ...SIGNED_IN, nonMember: 'FORBIDDEN', VIEWER: 'FORBIDDEN' },
    query: 'mutation { generatePosts(inputs: [{ topic: "mine" }, { topic: "team topic", workspaceId: "$workspace" }]) { id } }',
  },
};

describe('authorisation matrix', () => {
  let t: TestApp;
  const callers = {} as Record<Exclude<Role, 'anonymous'>, Awaited<ReturnType<TestApp['signUp']>>>;
  let workspace: string;
  let published: string;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        RATE_LIMIT_ANONYMOUS: '100000',
        RATE_LIMIT_AUTH: '100000',
        RATE_LIMIT_GENERATION: '100000',
        GENERATION_RATE_LIMIT_PER_MINUTE: '100000',
        GENERATION_LOCAL_CHUNK_DELAY_MS: '500',
        MEDIA_DIR: joinPath(tmpdir(), 'lpa-authorization-media'),
      },
    });
    for (const role of ROLES.slice(1) as Exclude<Role, 'anonymous'>[]) callers[role] = await t.signUp(role);
    const created = await t.gql<{ createWorkspace: { id: string } }>(
      'mutation { createWorkspace(input: { name: "Agency" }) { id } }',
      {},
      { token: callers.OWNER.token },
    );
    workspace = created.data!.createWorkspace.id;
    // Members join directly here; how they are invited is inviteMember's own test.
    for (const role of ['VIEWER', 'EDITOR', 'ADMIN'] as const) await join(workspace, callers[role].id, role);
    const post = await t.gql<{ createPost: { id: string } }>(
      'mutation ($w: ID!) { createPost(input: { content: "out there", workspaceId: $w }) { id } }',
      { w: workspace },
      { token: callers.OWNER.token },
    );
    published = post.data!.createPost.id;
    await t.app.db.prisma.post.update({ where: { id: decodeGlobalID(published).id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
  });
  afterAll(() => t.close());

  it('has an entry for every mutation in the schema', () => {
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it('has an entry for every query in the schema', () => {
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual(
      Object.keys(QUERIES)
        .filter((name) => /^\w+$/.test(name))
        .sort(),
    );
  });

  async function join(workspaceId: string, userId: string, role: 'VIEWER' | 'EDITOR' | 'ADMIN') {
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(workspaceId).id, userId: decodeGlobalID(userId).id, role } });
  }

  /** Another workspace with the same members, for operations that change who belongs. */
  async function spareWorkspace() {
    const created = await t.gql<{ createWorkspace: { id: string } }>(
      'mutation { createWorkspace(input: { name: "Spare" }) { id } }',
      {},
      { token: callers.OWNER.token },
    );
    const id = created.data!.createWorkspace.id;
    for (const role of ['VIEWER', 'EDITOR', 'ADMIN'] as const) await join(id, callers[role].id, role);
    return id;
  }

  /** A LinkedIn account of $workspace, stored as the OAuth callback would (its token is never used here). */
  async function workspaceAccount() {
    const created = await t.app.db.prisma.linkedInAccount.create({
      data: {
        workspaceId: decodeGlobalID(workspace).id,
        userId: decodeGlobalID(callers.OWNER.id).id,
        urn: `urn:li:person:matrix${++counter}`,
        name: 'Matrix Member',
        accessTokenEncrypted: 'v1.unused',
        expiresAt: new Date(Date.now() + 3600_000),
      },
      select: { id: true },
    });
    return encodeGlobalID('LinkedInAccount', created.id);
  }

  async function signUpOwnAccount() {
    const { data } = await t.gql<{ signUp: { token: string; refreshToken: string } }>(
      'mutation ($email: String!) { signUp(input: { email: $email, password: "correct horse battery", name: "Own" }) { token refreshToken } }',
      { email: `own${++counter}${Date.now()}@example.com` },
    );
    return data!.signUp;
  }

  async function uploadPng(query: string, token: string | undefined) {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query, variables: { file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'matrix.png');
    const headers: Record<string, string> = { 'x-graphql-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return (await (await t.fetch('/graphql', { method: 'POST', body: form, headers })).json()) as {
      data?: Record<string, any> | null;
      errors?: { extensions?: Record<string, any> }[];
    };
  }

  async function outcome(entry: Entry, role: Role): Promise<Outcome> {
    const owner = callers.OWNER;
    const marker = `marker${++counter}x${Date.now()}`;
    const draft = await t.gql<{ createPost: { id: string } }>(
      'mutation ($content: String!, $w: ID!) { createPost(input: { content: $content, workspaceId: $w }) { id } }',
      { content: `draft ${marker}`, w: workspace },
      { token: owner.token },
    );
    const job = entry.query.includes('$job')
      ? (
          await t.gql<{ generatePost: { id: string } }>(
            'mutation ($w: ID!) { generatePost(input: { topic: "slow writing", workspaceId: $w }) { id } }',
            { w: workspace },
            { token: owner.token },
          )
        ).data!.generatePost.id
      : '';
    const invitation = /\$invitation/.test(entry.query)
      ? (
          await t.gql<{ inviteMember: { id: string; token: string } }>(
            'mutation ($w: ID!, $email: String!) { inviteMember(input: { workspaceId: $w, email: $email, role: VIEWER }) { id token } }',
            { w: workspace, email: `someone${++counter}@example.com` },
            { token: owner.token },
          )
        ).data!.inviteMember
      : undefined;
    const target = entry.query.includes('$target') ? await t.signUp('Target') : undefined;
    if (target) await join(workspace, target.id, 'VIEWER');
    const spare = entry.query.includes('$spare') ? await spareWorkspace() : '';
    const account = entry.query.includes('$account') ? await workspaceAccount() : '';
    const media = entry.query.includes('$media')
      ? (
          await t.gql<{ createUpload: { media: { id: string } } }>(
            'mutation ($w: ID!) { createUpload(input: { contentType: "image/png", bytes: 100, workspaceId: $w }) { media { id } } }',
            { w: workspace },
            { token: owner.token },
          )
        ).data!.createUpload.media.id
      : '';
    const revision = entry.query.includes('$revision')
      ? await t.app.db.prisma.postRevision.findFirstOrThrow({ where: { postId: decodeGlobalID(draft.data!.createPost.id).id }, select: { id: true } })
      : undefined;
    const query = entry.query
      .replace('$invitationToken', invitation?.token ?? '')
      .replace('$invitation', invitation?.id ?? '')
      .replace('$target', target?.id ?? '')
      .replace('$spare', spare)
      .replace('$account', account)
      .replace('$media', media)
      .replaceAll('$revision', revision ? encodeGlobalID('PostRevision', revision.id) : '')
      .replace('$job', job)
      .replace('$post', draft.data!.createPost.id)
      .replace('$published', published)
      .replace('$workspace', workspace)
      .replace('$marker', marker)
      .replace('$ownerEmail', owner.email)
      .replace('$owner', owner.id)
      .replace('$unique', `matrix${++counter}${Date.now()}`);
    const own = entry.ownAccount ? await signUpOwnAccount() : undefined;
    const token = role === 'anonymous' ? undefined : (own?.token ?? callers[role].token);
    const res = entry.upload
      ? await uploadPng(query, token)
      : await t.gql(query.replace('$refreshToken', own?.refreshToken ?? '').replace('$password', 'correct horse battery'), {}, { token });
    if (res.errors?.length) return res.errors[0]?.extensions?.code as Outcome;
    const value = res.data?.[entry.field];
    if (value === null || value === undefined) return 'null';
    return entry.empty?.(value, draft.data!.createPost.id) ? 'null' : 'ok';
  }

  for (const [name, entry] of Object.entries({ ...MUTATIONS, ...QUERIES })) {
    for (const role of ROLES) {
      it(`${name} as ${role}: ${entry.expected[role]}`, async () => {
        expect(await outcome(entry, role)).toBe(entry.expected[role]);
      });
    }
  }
});
