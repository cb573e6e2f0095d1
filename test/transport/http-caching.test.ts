import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persistedOperationHash } from '../../src/persisted/manifest.js';
import { publishedPost } from '../cache/helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Client caching headers over real HTTP, derived from the response cache's policy (Post 5 min, User 10 min, PostAnalysis 10 min). */
let t: TestApp;
let url: string;
beforeAll(async () => {
  // COMPRESSION_MIN_BYTES=0: every answer here may be compressed, so the validators meet compression.
  t = await createTestApp({ env: { COMPRESSION_MIN_BYTES: '0', PERSISTED_OPERATIONS: 'allow', PERSISTED_OPERATIONS_MANIFEST: '/nonexistent/manifest.json' } });
  url = await t.listen();
});
afterAll(() => t?.close());

const POST = 'query PublicPost($id: ID!) { post(id: $id) { id content author { name } } }';
/** analyzeText declares an hour, the PostAnalysis it returns ten minutes: the answer lives ten. */
const ANALYSIS = 'query Analysis($text: String!) { analyzeText(text: $text) { language wordCount } }';

function get(params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as [string, string]),
  );
  return fetch(`${url}/graphql?${search}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1', ...headers } });
}

const vary = (response: Response) => (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());

describe('client caching headers', () => {
  it('lets anyone cache an anonymous GET for the smallest TTL of its fields, with a weak ETag, on the miss and on the hit', async () => {
    const { id } = await publishedPost(t, 'Headers for everyone #caching');
    const miss = await get({ query: POST, variables: { id } });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^W\/"[\w-]{43}"$/);
    expect(vary(miss)).toEqual(expect.arrayContaining(['authorization', 'accept']));
    const body = await miss.text();

    const hit = await get({ query: POST, variables: { id } });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await hit.text()).toBe(body);
    expect(hit.headers.get('etag')).toBe(etag);
    const maxAge = Number(/^public, max-age=(\d+)$/.exec(hit.headers.get('cache-control') ?? '')?.[1]);
    // What is left of the stored answer's freshness (its TTL is shortened by up to 10% at random).
    expect(maxAge).toBeGreaterThan(200);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(vary(hit)).toEqual(expect.arrayContaining(['authorization', 'accept']));

    const analysis = await get({ query: ANALYSIS, variables: { text: 'Short posts with one clear idea get read to the end.' } });
    expect(analysis.headers.get('cache-control')).toBe('public, max-age=600');
  });

  it('does the same for a persisted operation sent by hash', async () => {
    const document = 'query PersistedPost($id: ID!) { post(id: $id) { id content } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: persistedOperationHash(document) } };
    const [registeredWith, readBy] = [await publishedPost(t, 'Registered with'), await publishedPost(t, 'Read by hash')];
    const registered = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables: { id: registeredWith.id }, extensions }),
    });
    expect(registered.headers.get('cache-control')).toBe('no-store');
    for (const expected of ['MISS', 'HIT']) {
      const byHash = await get({ extensions, variables: { id: readBy.id } });
      expect(byHash.status).toBe(200);
      expect(byHash.headers.get('x-cache')).toBe(expected);
      expect(byHash.headers.get('cache-control')).toMatch(/^public, max-age=(300|2[7-9]\d)$/);
      expect(byHash.headers.get('etag')).toMatch(/^W\/"[\w-]{43}"$/);
    }
  });

  it('keeps an answer for a session private and unstored', async () => {
    const { id, author } = await publishedPost(t, 'Private eyes');
    const reader = await t.signUp('Reader');
    for (const token of [reader.token, author.token, reader.token]) {
      const response = await get({ query: POST, variables: { id } }, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    }
    const refused = await get({ query: POST, variables: { id } }, { authorization: 'Bearer not-a-token' });
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a matching If-None-Match with 304 and no body, and 200 with a new ETag once a write changed the answer', async () => {
    const { id, author } = await publishedPost(t, 'First version');
    const first = await get({ query: POST, variables: { id } });
    const etag = first.headers.get('etag')!;
    for (const ifNoneMatch of [etag, etag.slice(2), `"other", ${etag}`]) {
      const notModified = await get({ query: POST, variables: { id } }, { 'if-none-match': ifNoneMatch });
      expect(notModified.status).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('etag')).toBe(etag);
      expect(notModified.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    }
    const updated = await t.gql(
      'mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id } }',
      { id, input: { content: 'Second version' } },
      { token: author.token },
    );
    expect(updated.errors).toBeUndefined();
    const changed = await get({ query: POST, variables: { id } }, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).data.post.content).toBe('Second version');
  });

  it('gives one answer the same weak ETag whether it is sent as br, gzip or plain, and 304 whichever coding asks', async () => {
    const { id } = await publishedPost(t, 'One answer, three codings');
    const codings = ['br', 'gzip', 'identity'];
    const answers = [];
    for (const coding of codings) answers.push(await get({ query: POST, variables: { id } }, { 'accept-encoding': coding }));
    expect(answers.map((a) => a.headers.get('content-encoding') ?? 'identity')).toEqual(codings);
    const etags = new Set(answers.map((a) => a.headers.get('etag')));
    expect(etags.size).toBe(1);
    const etag = answers[0]!.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
    for (const answer of answers) expect(vary(answer)).toEqual(expect.arrayContaining(['authorization', 'accept', 'accept-encoding']));
    for (const coding of codings) {
      const notModified = await get({ query: POST, variables: { id } }, { 'accept-encoding': coding, 'if-none-match': etag });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('content-encoding')).toBeNull();
    }
  });

  it('never lets POST answers, mutations, errors or uncacheable fields be stored', async () => {
    const author = await t.signUp('Writer');
    const mutation = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${author.token}` },
      body: JSON.stringify({ query: 'mutation ($input: CreatePostInput!) { createPost(input: $input) { id } }', variables: { input: { content: 'Hello' } } }),
    });
    expect(mutation.status).toBe(200);
    expect(mutation.headers.get('cache-control')).toBe('private, no-store');
    expect(mutation.headers.get('etag')).toBeNull();

    const anonymousMutation = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
        variables: { input: { email: `caching-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Anon' } },
      }),
    });
    expect(anonymousMutation.status).toBe(200);
    expect(anonymousMutation.headers.get('cache-control')).toBe('no-store');

    const { id } = await publishedPost(t, 'Read by POST');
    const anonymousPost = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: POST, variables: { id } }),
    });
    expect(anonymousPost.headers.get('cache-control')).toBe('no-store');

    const invalid = await get({ query: '{ nope }' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    const partial = await get({ query: POST, variables: { id: 'not-an-id' } }, { accept: 'application/json' });
    expect(partial.headers.get('cache-control')).toBe('no-store');
    // A generation job is never cached (TTL 0): anonymous callers see null, stored by nobody.
    const job = await get({ query: 'query Job($id: ID!) { generationJob(id: $id) { id } }', variables: { id } });
    expect(job.headers.get('cache-control')).toBe('no-store');
    // No CSRF header: refused at the edge, before GraphQL.
    const refused = await fetch(`${url}/graphql?query=${encodeURIComponent(POST)}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});
