import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentNode, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestOf, persistedOperationHash, persistedOperations } from '../../src/persisted/manifest.js';
import * as generated from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const operationsDir = new URL('../operations/', import.meta.url).pathname;
const files = (await readdir(operationsDir)).filter((f) => f.endsWith('.graphql'));
const operations = persistedOperations(await Promise.all(files.map((f) => readFile(join(operationsDir, f), 'utf8'))));
const manifest = manifestOf(operations);
const me = operations.find((o) => o.name === 'Me')!;

async function send(t: TestApp, body: Record<string, unknown>) {
  const response = await t.fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] }) };
}

const apollo = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('the persisted-operations manifest', () => {
  it('holds every client operation, hashed as the generated documents print', () => {
    const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];
    expect(documents.length).toBe(operations.length);
    for (const [name, document] of documents) {
      expect(manifest[persistedOperationHash(print(document))], name).toBe(print(document));
    }
  });

  it('refuses a fragment that is used but not defined, and an operation without a name', () => {
    expect(() => persistedOperations(['query A { me { ...Missing } }'])).toThrow(/Missing/);
    expect(() => persistedOperations(['{ me { id } }'])).toThrow(/no name/);
  });
});

describe('allow-list mode (PERSISTED_OPERATIONS=require)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lpa-persisted-')), 'manifest.json');
    await writeFile(path, JSON.stringify(manifest));
    t = await createTestApp({ env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: path } });
  });
  afterAll(() => t?.close());

  it('runs a listed operation by its Apollo hash or its documentId', async () => {
    for (const body of [apollo(me.hash), { documentId: me.hash }, { documentId: `sha256:${me.hash}` }]) {
      const result = await send(t, body);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ me: null });
    }
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const result = await send(t, apollo('0'.repeat(64)));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect((await send(t, { documentId: 'toString' })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses raw query text, even the text of a listed operation, with PERSISTED_QUERY_REQUIRED', async () => {
    for (const query of ['{ __typename }', me.document]) {
      const result = await send(t, { query });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    }
  });

  it('asks for a hash when the request has neither a query nor one', async () => {
    expect((await send(t, { variables: {} })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });
});

describe('without persisted operations (PERSISTED_OPERATIONS=off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('accepts raw queries, with or without a hash beside them', async () => {
    for (const body of [{ query: me.document }, { query: me.document, ...apollo(me.hash) }]) {
      const result = await send(t, body);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ me: null });
    }
  });

  it('answers a hash alone with PERSISTED_QUERY_NOT_SUPPORTED, which makes Apollo and urql send the text instead', async () => {
    const result = await send(t, apollo(me.hash));
    expect(result.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } });
  });
});

describe('automatic persisted queries (PERSISTED_OPERATIONS=allow, no manifest)', () => {
  let t: TestApp;
  const document = 'query ApqFeed { posts(first: 2) { totalCount } }';
  const hash = persistedOperationHash(document);
  beforeAll(async () => {
    t = await createTestApp({ env: { PERSISTED_OPERATIONS: 'allow', PERSISTED_OPERATIONS_MANIFEST: '/nonexistent/manifest.json' } });
  });
  afterAll(() => t?.close());

  it('asks for the text of an unknown hash, registers it once its hash checks out, then runs it by hash', async () => {
    const unknown = await send(t, apollo(hash));
    expect(unknown.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const registered = await send(t, { query: document, ...apollo(hash) });
    expect(registered.errors).toBeUndefined();
    const byHash = await send(t, apollo(hash));
    expect(byHash).toMatchObject({ status: 200, data: registered.data });
  });

  it('refuses a text whose sha256 is not the hash sent with it, and registers nothing', async () => {
    const forged = persistedOperationHash('query Forged { __typename }');
    const mismatch = await send(t, { query: document, ...apollo(forged) });
    expect(mismatch.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect((await send(t, apollo(forged))).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('answers a registered hash sent by GET from the response cache', async () => {
    const query = new URLSearchParams({ extensions: JSON.stringify(apollo(hash).extensions) });
    const get = () => t.fetch(`/graphql?${query}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });
    expect((await get()).status).toBe(200);
    const second = await get();
    expect(second.headers.get('x-cache')).toBe('HIT');
  });
});

describe('a manifest written by the client build', () => {
  const codegenDocument = 'query CodegenMe { me { id } }';
  const apolloDocument = 'query ApolloMe {\n  me {\n    id\n    __typename\n  }\n}';

  async function appWith(manifestContent: unknown) {
    const path = join(await mkdtemp(join(tmpdir(), 'lpa-persisted-')), 'manifest.json');
    await writeFile(path, JSON.stringify(manifestContent));
    return createTestApp({ env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: path } });
  }

  it("is GraphQL Code Generator's persisted-documents.json as it is, with documentId sent as sha256:<hex>", async () => {
    const t = await appWith({ [`sha256:${persistedOperationHash(codegenDocument)}`]: codegenDocument });
    try {
      const result = await send(t, { documentId: `sha256:${persistedOperationHash(codegenDocument)}` });
      expect(result).toMatchObject({ status: 200, data: { me: null } });
    } finally {
      await t.close();
    }
  });

  it("is Apollo's persisted query manifest, with the hashes its link sends (of the document with __typename)", async () => {
    const id = persistedOperationHash(apolloDocument);
    const t = await appWith({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id, name: 'ApolloMe', type: 'query', body: apolloDocument }],
    });
    try {
      expect(await send(t, apollo(id))).toMatchObject({ status: 200, data: { me: null } });
    } finally {
      await t.close();
    }
  });
});
