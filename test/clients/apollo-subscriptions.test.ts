import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ClientServer, refusedTokens, startClientServer } from './client-server.js';

/** Apollo Client 4 with GraphQLWsLink (graphql-ws) for subscriptions and HttpLink for the rest, as its docs split them. */
let s: ClientServer;
let client: ApolloClient;
let ws: ReturnType<typeof createClient>;

beforeAll(async () => {
  s = await startClientServer();
  ws = createClient({ url: s.ws, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${s.token}` } });
  client = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      new GraphQLWsLink(ws),
      new HttpLink({ uri: s.http, headers: { authorization: `Bearer ${s.token}` } }),
    ),
  });
});
afterAll(async () => {
  client?.stop();
  await ws?.dispose();
  await s.t.close();
});

const GENERATE = gql`
  mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }
`;
const PROGRESS = gql`
  subscription Progress($jobId: ID!) {
    generationProgress(jobId: $jobId) { delta restarted job { id status progress post { id content } } }
  }
`;

interface ProgressEvent {
  delta: string | null;
  restarted: boolean;
  job: { id: string; status: string; progress: number; post: { id: string; content: string } | null };
}

describe('Apollo Client 4: GraphQLWsLink', () => {
  it("follows a generation job's progress to completion, then the subscription ends", async () => {
    const started = await client.mutate<{ generatePost: { id: string; status: string } }>({
      mutation: GENERATE,
      variables: { input: { topic: 'Why small pull requests ship faster', keywords: ['code review'] } },
    });
    const jobId = started.data!.generatePost.id;

    const events: ProgressEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe<{ generationProgress: ProgressEvent }>({ query: PROGRESS, variables: { jobId } }).subscribe({
        next: (result) => {
          if (result.error) reject(result.error);
          else if (result.data) events.push(result.data.generationProgress);
        },
        error: reject,
        complete: resolve,
      });
    });

    expect(events.length).toBeGreaterThan(1);
    expect(events.every((event) => event.job.id === jobId)).toBe(true);
    const last = events.at(-1)!;
    expect(last.job.status).toBe('SUCCEEDED');
    expect(last.job.progress).toBe(1);
    // The text streamed in deltas is the post it became.
    let text = '';
    for (const event of events) text = event.restarted ? (event.delta ?? '') : text + (event.delta ?? '');
    expect(last.job.post?.content).toBeTruthy();
    expect(text.trim()).toBe(last.job.post!.content.trim());
    // Apollo normalized the job: the cache holds its final state.
    const cached = client.cache.extract() as Record<string, { status?: string }>;
    expect(cached[client.cache.identify({ __typename: 'GenerationJob', id: jobId })!]?.status).toBe('SUCCEEDED');
  });

  it('is closed with 4403 Forbidden at connection_init for an expired token, the code token-refresh logic waits for', async () => {
    const { expired } = await refusedTokens(s.authorId);
    const closeCodes: number[] = [];
    const refused = createClient({
      url: s.ws,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${expired}` },
      on: { closed: (event) => void closeCodes.push((event as { code: number }).code) },
    });
    const refusedClient = new ApolloClient({ cache: new InMemoryCache(), link: new GraphQLWsLink(refused) });
    try {
      const error = await new Promise<unknown>((resolve) => {
        refusedClient.subscribe({ query: PROGRESS, variables: { jobId: 'R2VuZXJhdGlvbkpvYjox' } }).subscribe({
          next: (result) => result.error && resolve(result.error),
          error: resolve,
          complete: () => resolve(undefined),
        });
      });
      expect(String((error as Error | undefined)?.message)).toMatch(/4403/);
      expect(closeCodes).toEqual([4403]);
    } finally {
      refusedClient.stop();
      await refused.dispose();
    }
  });
});
