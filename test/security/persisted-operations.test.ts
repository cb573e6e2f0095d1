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

describe('normal mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('accepts raw queries', async () => {
    const result = await send(t, { query: me.document });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: null });
  });
});
