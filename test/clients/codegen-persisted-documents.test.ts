import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientServer, SETUP_OPERATIONS, startClientServer } from './client-server.js';

/**
 * GraphQL Code Generator's client preset with `persistedDocuments: true`, run as a client build would:
 * the persisted-documents.json it writes is the server's manifest as it is (PERSISTED_OPERATIONS=require),
 * and the `sha256:<hex>` document ids it gives each document are accepted as sent.
 */
const CLIENT_DOCUMENTS = `
  fragment PostCard on Post { id content author { id name } }
  query CodegenAuthorPosts($authorId: ID!) { posts(first: 5, filter: { authorId: $authorId }) { edges { node { ...PostCard } } } }
  query CodegenMe { me { id name } }
`;

let s: ClientServer;
let manifest: Record<string, string>;
let generatedTypes: string;
const idByName: Record<string, string> = {};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lpa-codegen-'));
  await writeFile(join(dir, 'client.graphql'), CLIENT_DOCUMENTS);
  // The app's own setup operations (sign-up, posting) belong to the same build.
  await writeFile(join(dir, 'setup.graphql'), SETUP_OPERATIONS.join('\n'));
  await generate(
    {
      schema: join(process.cwd(), 'schema.graphql'),
      documents: [join(dir, '*.graphql')],
      generates: { [join(dir, 'gql/')]: { preset: clientPreset, presetConfig: { persistedDocuments: true } } },
      silent: true,
    },
    true,
  );
  manifest = JSON.parse(await readFile(join(dir, 'gql/persisted-documents.json'), 'utf8')) as Record<string, string>;
  generatedTypes = await readFile(join(dir, 'gql/graphql.ts'), 'utf8');
  for (const [id, document] of Object.entries(manifest)) {
    for (const definition of parse(document).definitions) if (definition.kind === 'OperationDefinition') idByName[definition.name!.value] = id;
  }
  const manifestPath = join(dir, 'gql/persisted-documents.json');
  s = await startClientServer({ posts: 2, env: { PERSISTED_OPERATIONS: 'require', PERSISTED_OPERATIONS_MANIFEST: manifestPath }, documentIds: idByName });
}, 120_000);
afterAll(() => s?.t.close());

const send = (body: Record<string, unknown>) =>
  s.t
    .fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${s.token}` },
      body: JSON.stringify(body),
    })
    .then(async (response) => ({ status: response.status, ...((await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] }) }));

describe('GraphQL Code Generator client preset, persistedDocuments', () => {
  it('writes sha256:<hex> ids, the same ones its generated documents carry', () => {
    expect(Object.keys(manifest).length).toBe(2 + SETUP_OPERATIONS.length);
    for (const id of Object.keys(manifest)) {
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(generatedTypes).toContain(id);
    }
  });

  it('has its documents run by the documentId it sends, the fragment included', async () => {
    const posts = await send({ documentId: idByName.CodegenAuthorPosts, variables: { authorId: s.authorId } });
    expect(posts.errors).toBeUndefined();
    expect(posts.data.posts.edges.map((edge: { node: { id: string; author: { id: string } } }) => [edge.node.id, edge.node.author.id])).toEqual(
      s.postIds.map((id) => [id, s.authorId]),
    );
    const me = await send({ documentId: idByName.CodegenMe });
    expect(me.data).toEqual({ me: { id: s.authorId, name: 'Client Author' } });
  });

  it('runs a documentId sent over GET too', async () => {
    const response = await s.t.fetch(`/graphql?documentId=${encodeURIComponent(idByName.CodegenMe!)}`, {
      headers: { accept: 'application/graphql-response+json', authorization: `Bearer ${s.token}`, 'x-graphql-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { id: s.authorId, name: 'Client Author' } } });
  });

  it('runs nothing outside the build: text is refused, as is an unknown id', async () => {
    expect((await send({ query: '{ me { id } }' })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect((await send({ documentId: `sha256:${'0'.repeat(64)}` })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
