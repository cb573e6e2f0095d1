import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import {
  GeneratePostDocument,
  GenerationJobDocument,
  type GenerationJobFieldsFragment,
  GenerationProgressDocument,
  type GenerationProgressSubscription,
} from '../generated/graphql.js';
import type { TestApp } from '../helpers/test-app.js';
import { waitFor } from '../queue/queue-contract.js';

export const GENERATE = print(GeneratePostDocument);
export const JOB = print(GenerationJobDocument);
const PROGRESS = print(GenerationProgressDocument);

export type Job = GenerationJobFieldsFragment;
export type ProgressEvent = GenerationProgressSubscription['generationProgress'];

export const input = (overrides: Record<string, unknown> = {}) => ({
  topic: 'Remote work productivity',
  tone: 'PROFESSIONAL',
  audience: 'engineering managers',
  keywords: ['async communication'],
  ...overrides,
});

export async function generate(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Job> {
  const result = await t.gql<{ generatePost: Job }>(GENERATE, { input: input(overrides) }, { token });
  if (!result.data?.generatePost) throw new Error(`generatePost failed: ${JSON.stringify(result.errors)}`);
  return result.data.generatePost;
}

export async function jobOf(t: TestApp, token: string, id: string): Promise<Job | null> {
  const result = await t.gql<{ generationJob: Job | null }>(JOB, { id }, { token });
  return result.data?.generationJob ?? null;
}

/** Polls until the job reaches a final status. */
export async function finished(t: TestApp, token: string, id: string, ms = 20_000): Promise<Job> {
  let job: Job | null = null;
  await waitFor(async () => {
    job = await jobOf(t, token, id);
    return !!job && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.status);
  }, ms);
  return job as unknown as Job;
}

/** Joins deltas the way a client must: starting over at a `restarted` event. */
export function joinDeltas(events: ProgressEvent[]): string {
  let text = '';
  for (const event of events) text = event.restarted ? (event.delta ?? '') : text + (event.delta ?? '');
  return text;
}

/** Every event of one generationProgress subscription over graphql-ws, until it completes or errors. */
export function followOverWebSocket(baseUrl: string, token: string, jobId: string, onEvent?: (event: ProgressEvent) => void) {
  const client = createClient({
    url: `${baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: ProgressEvent[] = [];
  const done = new Promise<{ events: ProgressEvent[]; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
    client.subscribe<GenerationProgressSubscription>(
      { query: PROGRESS, variables: { jobId } },
      {
        next: (result) => {
          if (result.errors) resolve({ events, errors: result.errors as never });
          else if (result.data) {
            events.push(result.data.generationProgress);
            onEvent?.(result.data.generationProgress);
          }
        },
        error: (error) => (Array.isArray(error) ? resolve({ events, errors: error }) : reject(error as Error)),
        complete: () => resolve({ events }),
      },
    );
  }).finally(() => client.dispose());
  return { events, done };
}

/** The same subscription over Server-Sent Events (GraphQL over SSE, "distinct connections" mode). */
export async function followOverSSE(baseUrl: string, token: string, jobId: string, onEvent?: (event: ProgressEvent) => void) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PROGRESS, variables: { jobId } }),
  });
  const events: ProgressEvent[] = [];
  const errors: { message: string; extensions?: Record<string, unknown> }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let completed = false;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      if (type === 'complete') completed = true;
      else if (type === 'next' && data) {
        const payload = JSON.parse(data) as { data?: GenerationProgressSubscription; errors?: typeof errors };
        if (payload.errors) errors.push(...payload.errors);
        if (payload.data) {
          events.push(payload.data.generationProgress);
          onEvent?.(payload.data.generationProgress);
        }
      }
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events, errors, completed };
}
