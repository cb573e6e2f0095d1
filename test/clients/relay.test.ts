import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type ConcreteRequest,
  ConnectionHandler,
  commitMutation,
  Environment,
  fetchQuery,
  type GraphQLResponse,
  Network,
  RecordSource,
  Store,
} from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientServer, startClientServer } from './client-server.js';

/**
 * A small Relay project (test/clients/relay: @connection, @refetchable, @deleteEdge) compiled against
 * schema.graphql by the real relay-compiler binary; its generated operations then run through
 * relay-runtime's Environment and Network against the server.
 */
const run = promisify(execFile);
const relayCompiler = fileURLToPath(import.meta.resolve('relay-compiler/cli.js'));
const artifacts: Record<string, ConcreteRequest> = {};
let s: ClientServer;
let environment: Environment;
const responses: { name: string; body: GraphQLResponse }[] = [];

beforeAll(async () => {
  const project = await mkdtemp(join(tmpdir(), 'lpa-relay-'));
  await mkdir(join(project, 'src'));
  await mkdir(join(project, '__generated__'));
  for (const file of await readdir(new URL('./relay/', import.meta.url)))
    await copyFile(new URL(`./relay/${file}`, import.meta.url), join(project, 'src', file));
  await copyFile(join(process.cwd(), 'schema.graphql'), join(project, 'schema.graphql'));
  await writeFile(
    join(project, 'relay.config.json'),
    JSON.stringify({ src: './src', schema: './schema.graphql', language: 'javascript', artifactDirectory: './__generated__' }),
  );
  // Exits non-zero (failing the suite) on any document the schema does not support.
  await run(process.execPath, [relayCompiler], { cwd: project });
  for (const file of await readdir(join(project, '__generated__'))) {
    const artifact = ((await import(join(project, '__generated__', file))) as { default: ConcreteRequest }).default;
    if (artifact.kind === 'Request') artifacts[artifact.params.name] = artifact;
  }

  s = await startClientServer({ posts: 5 });
  environment = new Environment({
    network: Network.create(async (params, variables) => {
      const response = await fetch(s.http, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
        body: JSON.stringify({ query: params.text, variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      responses.push({ name: params.name, body });
      return body;
    }),
    store: new Store(new RecordSource()),
  });
}, 120_000);
afterAll(() => s?.t.close());

const lastResponse = (name: string) => responses.filter((response) => response.name === name).at(-1)!.body as { data?: any; errors?: unknown[] };
const connectionId = () => ConnectionHandler.getConnectionID('client:root', 'RelayFeed_posts', { filter: { authorId: s.authorId } });
/** The post ids in the store's connection, in order, as a paginated list renders them. */
function connectionPostIds(): string[] {
  const source = environment.getStore().getSource();
  const edges = (source.get(connectionId())?.edges as { __refs: string[] } | undefined)?.__refs ?? [];
  return edges.map((edge) => source.get(edge)?.node).map((node) => (node as { __ref: string } | undefined)?.__ref ?? 'missing');
}

describe('Relay (relay-compiler + relay-runtime)', () => {
  it('compiles the project against schema.graphql into every operation it declares', () => {
    expect(Object.keys(artifacts).sort()).toEqual(['RelayDeletePostMutation', 'RelayFeedPaginationQuery', 'RelayFeedQuery', 'RelayPostRefetchQuery']);
  });

  it('loads the first page into a @connection, deletes an edge with @deleteEdge, and pages on past it', async () => {
    await fetchQuery(environment, artifacts.RelayFeedQuery!, { authorId: s.authorId }).toPromise();
    expect(lastResponse('RelayFeedQuery').errors).toBeUndefined();
    expect(connectionPostIds()).toEqual(s.postIds.slice(0, 3));

    const gone = s.postIds[2]!;
    await new Promise((resolve, reject) =>
      commitMutation(environment, {
        mutation: artifacts.RelayDeletePostMutation!,
        variables: { id: gone, connections: [connectionId()] },
        onCompleted: resolve,
        onError: reject,
      }),
    );
    expect(connectionPostIds()).toEqual(s.postIds.slice(0, 2));

    // The cursor of the deleted post still leads on to the older ones.
    const endCursor = lastResponse('RelayFeedQuery').data.posts.pageInfo.endCursor as string;
    await fetchQuery(environment, artifacts.RelayFeedPaginationQuery!, { authorId: s.authorId, count: 3, cursor: endCursor }).toPromise();
    const next = lastResponse('RelayFeedPaginationQuery');
    expect(next.errors).toBeUndefined();
    expect(next.data.posts.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(s.postIds.slice(3));
    expect(next.data.posts.pageInfo.hasNextPage).toBe(false);
  });

  it('refetches a post through node(id) with @refetchable, and a deleted one as null without errors', async () => {
    await fetchQuery(environment, artifacts.RelayPostRefetchQuery!, { id: s.postIds[0] }).toPromise();
    expect(lastResponse('RelayPostRefetchQuery')).toEqual({ data: { node: { __typename: 'Post', id: s.postIds[0], content: expect.any(String) } } });
    await fetchQuery(environment, artifacts.RelayPostRefetchQuery!, { id: s.postIds[2] }).toPromise();
    expect(lastResponse('RelayPostRefetchQuery')).toEqual({ data: { node: null } });
  });
});
