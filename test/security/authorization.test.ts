import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { png } from '../media/fixtures.js';

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'SERVICE_UNAVAILABLE' | 'MEDIA_INVALID' | 'null';
type Role = 'anonymous' | 'other' | 'owner';
interface Entry {
  /** The operation, run against a fresh draft post written by the owner. */
  query: string;
  expected: Record<Role, Outcome>;
  /** Where the answer is, for 'null' outcomes. */
  field: string;
  /**
   * Acts on the caller's own account or sessions (ending them, deleting it): the owner and the other
   * user are each a fresh account signed up for this run, and `$refreshToken` / `$password` are theirs.
   */
  ownAccount?: true;
  /** Sent as a GraphQL multipart request with a small PNG as `$file`. */
  upload?: true;
}

const PUBLIC: Record<Role, Outcome> = { anonymous: 'ok', other: 'ok', owner: 'ok' };
const AUTHOR_ONLY: Record<Role, Outcome> = { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'ok' };
const SIGNED_IN: Record<Role, Outcome> = { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok' };
/** Someone else's media does not exist for them. */
const MEDIA_OWNER_ONLY: Record<Role, Outcome> = { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'ok' };

/** Every mutation must have an entry: a new mutation without one fails this test. */
const MUTATIONS: Record<string, Entry> = {
  signUp: {
    field: 'signUp',
    expected: PUBLIC,
    query: 'mutation { signUp(input: { email: "$unique@example.com", password: "long enough pw", name: "N" }) { token } }',
  },
  logIn: { field: 'logIn', expected: PUBLIC, query: 'mutation { logIn(input: { email: "$ownerEmail", password: "correct horse battery" }) { token } }' },
  createPost: {
    field: 'createPost',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok' },
    query: 'mutation { createPost(input: { content: "hi" }) { id } }',
  },
  updatePost: { field: 'updatePost', expected: AUTHOR_ONLY, query: 'mutation { updatePost(id: "$post", input: { content: "edited" }) { id } }' },
  deletePost: { field: 'deletePost', expected: AUTHOR_ONLY, query: 'mutation { deletePost(id: "$post") }' },
  // The owner gets past authorisation and is stopped by the missing LinkedIn account.
  publishPost: { field: 'publishPost', expected: { ...AUTHOR_ONLY, owner: 'BAD_USER_INPUT' }, query: 'mutation { publishPost(id: "$post") { id } }' },
  schedulePost: {
    field: 'schedulePost',
    expected: { ...AUTHOR_ONLY, owner: 'BAD_USER_INPUT' },
    query: `mutation { schedulePost(id: "$post", at: "${new Date(Date.now() + 86_400_000).toISOString()}") { id } }`,
  },
};

Object.assign(MUTATIONS, {
  reschedulePost: {
    field: 'reschedulePost',
    expected: { ...AUTHOR_ONLY, owner: 'CONFLICT' },
    query: `mutation { reschedulePost(id: "$post", at: "${new Date(Date.now() + 86_400_000).toISOString()}") { id } }`,
  },
  cancelSchedule: { field: 'cancelSchedule', expected: { ...AUTHOR_ONLY, owner: 'CONFLICT' }, query: 'mutation { cancelSchedule(id: "$post") { id } }' },
  // LinkedIn is not configured in tests: a signed-in user gets past authorisation to a clear 503.
  connectLinkedIn: {
    field: 'connectLinkedIn',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'SERVICE_UNAVAILABLE', owner: 'SERVICE_UNAVAILABLE' },
    query: 'mutation { connectLinkedIn { __typename } }',
  },
  disconnectLinkedIn: {
    field: 'disconnectLinkedIn',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'NOT_FOUND' },
    query: 'mutation { disconnectLinkedIn(id: "TGlua2VkSW5BY2NvdW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==") }',
  },
  generatePost: {
    field: 'generatePost',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok' },
    query: 'mutation { generatePost(input: { topic: "hiring engineers" }) { id } }',
  },
  generatePosts: {
    field: 'generatePosts',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok' },
    query: 'mutation { generatePosts(inputs: [{ topic: "hiring engineers" }]) { id } }',
  },
  cancelGeneration: { field: 'cancelGeneration', expected: AUTHOR_ONLY, query: 'mutation { cancelGeneration(id: "$job") { id } }' },
  recordEngagement: {
    field: 'recordEngagement',
    expected: AUTHOR_ONLY,
    query: 'mutation { recordEngagement(postId: "$post", type: IMPRESSION) { impressions } }',
  },
  recordEngagements: {
    field: 'recordEngagements',
    expected: AUTHOR_ONLY,
    query: 'mutation { recordEngagements(events: [{ postId: "$post", type: IMPRESSION }]) }',
  },
  // Needs no access token: the refresh token is the credential.
  refreshSession: {
    field: 'refreshSession',
    expected: PUBLIC,
    ownAccount: true,
    query: 'mutation { refreshSession(refreshToken: "$refreshToken") { token } }',
  },
  logOut: { field: 'logOut', expected: { ...SIGNED_IN, anonymous: 'UNAUTHENTICATED' }, ownAccount: true, query: 'mutation { logOut }' },
  logOutEverywhere: { field: 'logOutEverywhere', expected: SIGNED_IN, ownAccount: true, query: 'mutation { logOutEverywhere }' },
  changePassword: {
    field: 'changePassword',
    expected: SIGNED_IN,
    ownAccount: true,
    query: 'mutation { changePassword(currentPassword: "$password", newPassword: "another long password") }',
  },
  deleteAccount: { field: 'deleteAccount', expected: SIGNED_IN, ownAccount: true, query: 'mutation { deleteAccount(password: "$password") }' },
  archivePost: { field: 'archivePost', expected: AUTHOR_ONLY, query: 'mutation { archivePost(id: "$post") { id } }' },
  // A draft that is not archived: its author gets past authorisation to the state machine's CONFLICT.
  unarchivePost: { field: 'unarchivePost', expected: { ...AUTHOR_ONLY, owner: 'CONFLICT' }, query: 'mutation { unarchivePost(id: "$post") { id } }' },
  submitForReview: { field: 'submitForReview', expected: AUTHOR_ONLY, query: 'mutation { submitForReview(id: "$post") { id } }' },
  // A draft is not in review: its author gets past authorisation to the workflow rules' CONFLICT.
  approvePost: { field: 'approvePost', expected: { ...AUTHOR_ONLY, owner: 'CONFLICT' }, query: 'mutation { approvePost(id: "$post") { id } }' },
  requestChanges: {
    field: 'requestChanges',
    expected: { ...AUTHOR_ONLY, owner: 'CONFLICT' },
    query: 'mutation { requestChanges(id: "$post", comment: "shorter") { id } }',
  },
  // No such revision: its author gets past authorisation to NOT_FOUND.
  restoreRevision: {
    field: 'restoreRevision',
    expected: { ...AUTHOR_ONLY, owner: 'NOT_FOUND' },
    query: `mutation { restoreRevision(id: "$post", revisionId: "${encodeGlobalID('PostRevision', '00000000-0000-0000-0000-000000000000')}") { id } }`,
  },
  addComment: { field: 'addComment', expected: AUTHOR_ONLY, query: 'mutation { addComment(postId: "$post", body: "Shorter?") { id } }' },
  // No such comment: every signed-in caller gets past authentication to NOT_FOUND.
  editComment: {
    field: 'editComment',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'NOT_FOUND' },
    query: `mutation { editComment(id: "${encodeGlobalID('PostComment', '00000000-0000-0000-0000-000000000000')}", body: "Edited") { id } }`,
  },
  deleteComment: {
    field: 'deleteComment',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'NOT_FOUND' },
    query: `mutation { deleteComment(id: "${encodeGlobalID('PostComment', '00000000-0000-0000-0000-000000000000')}") }`,
  },
  // Owners of the service (User.role OWNER) only; both signed-in users here are plain users.
  issueServiceToken: {
    field: 'issueServiceToken',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'FORBIDDEN' },
    query: 'mutation { issueServiceToken(input: { name: "pipeline", scopes: [INGEST] }) { token } }',
  },
  revokeServiceToken: {
    field: 'revokeServiceToken',
    expected: { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'FORBIDDEN' },
    query: 'mutation { revokeServiceToken(id: "00000000-0000-0000-0000-000000000000") { id } }',
  },
  uploadMedia: {
    field: 'uploadMedia',
    expected: SIGNED_IN,
    upload: true,
    query: 'mutation ($file: Upload!) { uploadMedia(file: $file) { id } }',
  },
  createUpload: {
    field: 'createUpload',
    expected: SIGNED_IN,
    query: 'mutation { createUpload(input: { contentType: "image/png", bytes: 100 }) { url } }',
  },
  // $media is the owner's PENDING upload, whose bytes were never sent: the owner gets past authorisation to NOT_UPLOADED.
  completeUpload: {
    field: 'completeUpload',
    expected: { ...MEDIA_OWNER_ONLY, owner: 'MEDIA_INVALID' },
    query: 'mutation { completeUpload(id: "$media") { id } }',
  },
  updateMediaAltText: { field: 'updateMediaAltText', expected: MEDIA_OWNER_ONLY, query: 'mutation { updateMediaAltText(id: "$media", altText: "x") { id } }' },
  deleteMedia: { field: 'deleteMedia', expected: MEDIA_OWNER_ONLY, query: 'mutation { deleteMedia(id: "$media") }' },
} satisfies Record<string, Entry>);

/** Private fields: what each caller sees of the owner's data. */
const PRIVATE_FIELDS: Record<string, Entry> = {
  'User.email': { field: 'node', expected: { anonymous: 'null', other: 'null', owner: 'ok' }, query: '{ node(id: "$owner") { ... on User { email } } }' },
  'Media (node)': { field: 'node', expected: { anonymous: 'null', other: 'null', owner: 'ok' }, query: '{ node(id: "$media") { ... on Media { url } } }' },
  'Query.me': { field: 'me', expected: { anonymous: 'null', other: 'ok', owner: 'ok' }, query: '{ me { id } }' },
  'Query.post (draft)': { field: 'post', expected: { anonymous: 'null', other: 'null', owner: 'ok' }, query: '{ post(id: "$post") { id } }' },
  'User.posts (drafts)': {
    field: 'node',
    expected: { anonymous: 'null', other: 'null', owner: 'ok' },
    query: '{ node(id: "$owner") { ... on User { posts(status: DRAFT) { edges { node { id } } } } } }',
  },
};

describe('authorisation matrix', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<TestApp['signUp']>>;
  let other: Awaited<ReturnType<TestApp['signUp']>>;
  let counter = 0;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        RATE_LIMIT_ANONYMOUS: '100000',
        RATE_LIMIT_AUTH: '100000',
        RATE_LIMIT_GENERATION: '100000',
        GENERATION_RATE_LIMIT_PER_MINUTE: '100000',
        GENERATION_LOCAL_CHUNK_DELAY_MS: '500',
        MEDIA_DIR: join(tmpdir(), 'lpa-authorization-media'),
      },
    });
    owner = await t.signUp('Owner');
    other = await t.signUp('Other');
  });
  afterAll(() => t.close());

  it('has an entry for every mutation in the schema', () => {
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

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
    const draft = await t.gql<{ createPost: { id: string } }>('mutation { createPost(input: { content: "draft" }) { id } }', {}, { token: owner.token });
    const job = entry.query.includes('$job')
      ? (await t.gql<{ generatePost: { id: string } }>('mutation { generatePost(input: { topic: "slow writing" }) { id } }', {}, { token: owner.token })).data!
          .generatePost.id
      : '';
    const media = entry.query.includes('$media')
      ? (
          await t.gql<{ createUpload: { media: { id: string } } }>(
            'mutation { createUpload(input: { contentType: "image/png", bytes: 100 }) { media { id } } }',
            {},
            { token: owner.token },
          )
        ).data!.createUpload.media.id
      : '';
    const query = entry.query
      .replace('$media', media)
      .replace('$job', job)
      .replace('$post', draft.data!.createPost.id)
      .replace('$ownerEmail', owner.email)
      .replace('$owner', owner.id)
      .replace('$unique', `matrix${++counter}${Date.now()}`);
    const own = entry.ownAccount ? await signUpOwnAccount() : undefined;
    const token = own?.token ?? (role === 'owner' ? owner.token : role === 'other' ? other.token : undefined);
    const res = entry.upload
      ? await uploadPng(query, role === 'anonymous' ? undefined : token)
      : await t.gql(
          query.replace('$refreshToken', own?.refreshToken ?? '').replace('$password', 'correct horse battery'),
          {},
          { token: role === 'anonymous' ? undefined : token },
        );
    if (res.errors?.length) return res.errors[0]?.extensions?.code as Outcome;
    const value = res.data?.[entry.field];
    if (value === null || value === undefined) return 'null';
    if (entry.query.includes('User { email')) return value.email === owner.email ? 'ok' : 'null';
    if (entry.query.includes('posts(status: DRAFT)')) return value.posts.edges.length ? 'ok' : 'null';
    return 'ok';
  }

  for (const [name, entry] of Object.entries({ ...MUTATIONS, ...PRIVATE_FIELDS })) {
    for (const role of ['anonymous', 'other', 'owner'] as const) {
      it(`${name} as ${role}: ${entry.expected[role]}`, async () => {
        expect(await outcome(entry, role)).toBe(entry.expected[role]);
      });
    }
  }
});
