import { type IncomingHttpHeaders, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Compression at the edge: what goes over the wire, read byte for byte (fetch would decode it silently). */
let t: TestApp;
let postId: string;

/** Over the default 1024-byte threshold on its own: the content of one long post. */
const LONG_CONTENT = Array.from({ length: 40 }, (_, i) => `Line ${i} of a long post about shipping compression at the edge.`).join('\n');
const POST_QUERY = 'query LongPost($id: ID!) { post(id: $id) { id content author { name } } }';
const SMALL_QUERY = '{ __typename }';

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** One request over a fresh connection (a POST to /graphql unless a path is given, then a GET); the body as sent, not decoded. */
function raw(baseUrl: string, body: unknown, headers: Record<string, string> = {}, path = '/graphql'): Promise<RawAnswer> {
  const method = path === '/graphql' ? 'POST' : 'GET';
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify(body) : undefined);
  });
}

const decoded = ({ headers, bytes }: RawAnswer) => {
  const encoding = headers['content-encoding'];
  const plain = encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
  return JSON.parse(plain.toString('utf8')) as { data?: any; errors?: unknown[] };
};

const longPost = (acceptEncoding?: string, baseUrl = t.url) =>
  raw(baseUrl, { query: POST_QUERY, variables: { id: postId } }, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });

async function publishLongPost(app: TestApp): Promise<string> {
  const { token } = await app.signUp('Long Writer');
  const created = await app.gql<{ createPost: { id: string } }>(
    'mutation ($c: String!) { createPost(input: { content: $c }) { id } }',
    { c: LONG_CONTENT },
    { token },
  );
  const id = created.data!.createPost.id;
  await markPublished(app, id);
  return id;
}

async function compressedCount(app: TestApp, encoding: string): Promise<number> {
  const metric = await app.app.metrics.httpCompressedResponses.get();
  return metric.values.find((v) => v.labels.encoding === encoding)?.value ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  postId = await publishLongPost(t);
});
afterAll(() => t?.close());

describe('compression at the edge (COMPRESSION=true, COMPRESSION_MIN_BYTES=1024 by default)', () => {
  it('answers a large query with brotli or gzip as asked, decoding to the same JSON', async () => {
    const plain = await longPost();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    const expected = decoded(plain);
    expect(expected.data.post.content).toBe(LONG_CONTENT);

    for (const encoding of ['br', 'gzip']) {
      const before = await compressedCount(t, encoding);
      const answer = await longPost(encoding);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
      expect(answer.bytes.length).toBeLessThan(plain.bytes.length / 2);
      expect(decoded(answer)).toEqual(expected);
      expect(await compressedCount(t, encoding)).toBe(before + 1);
    }
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip;q=1, br;q=0.9', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity;q=1, br;q=0.5', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['*;q=0, identity', undefined],
    ['deflate', undefined],
    ['', undefined],
  ])('honours Accept-Encoding "%s": %s', async (header, expected) => {
    const answer = await longPost(header);
    expect(answer.headers['content-encoding']).toBe(expected);
    expect(decoded(answer).data.post.content).toBe(LONG_CONTENT);
  });

  it('sends the body as it is without Accept-Encoding, still varying on it', async () => {
    const answer = await longPost();
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
    expect(decoded(answer).data.post.id).toBe(postId);
  });

  it('compresses the other routes too: /metrics as Prometheus scrapes it, with gzip', async () => {
    const answer = await raw(t.url, undefined, { 'accept-encoding': 'gzip' }, '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(answer.bytes).toString('utf8')).toContain('lpa_http_compressed_responses_total');
  });

  it('leaves an answer under the threshold uncompressed', async () => {
    const answer = await raw(t.url, { query: SMALL_QUERY }, { 'accept-encoding': 'br, gzip' });
    expect(answer.bytes.length).toBeLessThan(1024);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(answer).data).toEqual({ __typename: 'Query' });
  });

  it('compresses response-cache hits too, for each coding', async () => {
    const id = await publishLongPost(t);
    const miss = await raw(t.url, { query: POST_QUERY, variables: { id } });
    expect(miss.headers['x-cache']).toBe('MISS');
    for (const encoding of ['br', 'gzip', 'br']) {
      const hit = await raw(t.url, { query: POST_QUERY, variables: { id } }, { 'accept-encoding': encoding });
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.headers['content-encoding']).toBe(encoding);
      expect(hit.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(hit.headers['content-length'])).toBe(hit.bytes.length);
      expect(decoded(hit)).toEqual(decoded(miss));
    }
    const identity = await raw(t.url, { query: POST_QUERY, variables: { id } });
    expect(identity.headers['x-cache']).toBe('HIT');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.bytes.equals(miss.bytes)).toBe(true);
  });

  it('never compresses a Server-Sent Events stream, whose events must arrive as they are written', async () => {
    const answer = await raw(t.url, { query: POST_QUERY, variables: { id: postId } }, { accept: 'text/event-stream', 'accept-encoding': 'br, gzip' });
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
    // graphql-sse itself sends `Content-Encoding: none`, to keep proxies from compressing the stream.
    expect(['br', 'gzip']).not.toContain(answer.headers['content-encoding']);
    const text = answer.bytes.toString('utf8');
    expect(text).toContain('event: next');
    expect(text).toContain('Line 39 of a long post');
  });

  it('never compresses a multipart/mixed answer delivered in parts', async () => {
    const deferred = 'query Deferred($id: ID!) { post(id: $id) { id ... @defer { content } } }';
    const answer = await raw(t.url, { query: deferred, variables: { id: postId } }, { accept: 'multipart/mixed', 'accept-encoding': 'br, gzip' });
    expect(answer.headers['content-type']).toMatch(/^multipart\/mixed/);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.bytes.toString('utf8')).toContain('Line 39 of a long post');
  });
});

describe('the settings', () => {
  it('COMPRESSION=false sends every answer as it is, varying on nothing it ignores', async () => {
    const off = await createTestApp({ env: { COMPRESSION: 'false' } });
    try {
      const id = await publishLongPost(off);
      const answer = await raw(off.url, { query: POST_QUERY, variables: { id } }, { 'accept-encoding': 'br, gzip' });
      expect(answer.bytes.length).toBeGreaterThan(1024);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary ?? '').not.toMatch(/accept-encoding/i);
      expect(decoded(answer).data.post.content).toBe(LONG_CONTENT);
    } finally {
      await off.close();
    }
  });

  it('COMPRESSION_MIN_BYTES sets the threshold: 0 compresses even the smallest answer', async () => {
    const everything = await createTestApp({ env: { COMPRESSION_MIN_BYTES: '0' } });
    try {
      const answer = await raw(everything.url, { query: SMALL_QUERY }, { 'accept-encoding': 'gzip' });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(decoded(answer).data).toEqual({ __typename: 'Query' });
    } finally {
      await everything.close();
    }
  });
});
