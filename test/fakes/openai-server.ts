import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake OpenAI chat-completions server on 127.0.0.1:0 speaking the real wire protocol:
 * `POST …/chat/completions` answered as SSE (`data: {chunk}` lines, a usage chunk, `data: [DONE]`)
 * when `stream: true`, as one JSON completion otherwise. Each request takes the next queued
 * behaviour (or the default stream) so tests can script failures.
 */
export type FakeBehaviour =
  | { kind: 'stream'; text?: string; chunkDelayMs?: number }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'cut'; afterChunks: number; text?: string }
  | { kind: 'stall'; afterChunks: number; text?: string };

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[]; [key: string]: unknown };
  /** Resolves when the client's connection for this request closes (abort, cut, or end). */
  closed: Promise<void>;
  /** True when the client went away before the server finished its answer. */
  clientAborted: () => boolean;
}

const DEFAULT_POST = `**Remote work is a skill, not a perk.**

Most teams still run remote work like an office with worse meetings. The ones that thrive write things down, default to async and protect deep work.

Here is what changed for us:
* Decisions live in short written docs
* Meetings need an agenda and an owner
* Focus blocks are sacred

The result? Fewer meetings, faster decisions and calmer weeks.

What is one habit that made remote work click for your team?

#RemoteWork #AsyncWork #Productivity #Leadership`;

const USAGE = { prompt_tokens: 42, completion_tokens: 120, total_tokens: 162 };

/** Token-sized pieces (about four characters), like a model's stream. */
const tokens = (text: string) => text.match(/[\s\S]{1,4}/g) ?? [];

const chunk = (id: string, model: string, delta: Record<string, unknown>, finish: string | null) => ({
  id,
  object: 'chat.completion.chunk',
  created: Math.floor(Date.now() / 1000),
  model,
  choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
});

/** `defaultBehaviour` answers every request nothing was enqueued for (default: an instant stream). */
export async function startFakeOpenAI({ defaultBehaviour = { kind: 'stream' } }: { defaultBehaviour?: FakeBehaviour } = {}) {
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const sse = (res: ServerResponse, data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function streamAnswer(res: ServerResponse, model: string, behaviour: FakeBehaviour, gone: () => boolean) {
    const text = ('text' in behaviour && behaviour.text) || DEFAULT_POST;
    const delay = behaviour.kind === 'stream' ? (behaviour.chunkDelayMs ?? 0) : 0;
    const id = `chatcmpl-fake-${++counter}`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    sse(res, chunk(id, model, { role: 'assistant', content: '' }, null));
    const pieces = tokens(text);
    for (const [i, piece] of pieces.entries()) {
      if (gone()) return;
      if ((behaviour.kind === 'cut' || behaviour.kind === 'stall') && i === behaviour.afterChunks) {
        if (behaviour.kind === 'cut') res.socket?.destroy();
        return;
      }
      sse(res, chunk(id, model, { content: piece }, null));
      if (delay) await sleep(delay);
      else if (i % 16 === 0) await sleep(0);
    }
    sse(res, chunk(id, model, {}, 'stop'));
    sse(res, { ...chunk(id, model, {}, null), choices: [], usage: USAGE });
    sse(res, '[DONE]');
    res.end();
  }

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      let finished = false;
      let aborted = false;
      const closed = new Promise<void>((resolve) =>
        res.on('close', () => {
          aborted = !finished;
          resolve();
        }),
      );
      res.on('finish', () => (finished = true));
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as RecordedRequest['body'];
      requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, closed, clientAborted: () => aborted });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Not found', type: 'invalid_request_error' } }));
        return;
      }
      const behaviour = queue.shift() ?? defaultBehaviour;
      const model = body.model ?? 'unknown';
      if (behaviour.kind === 'hang') return;
      if (behaviour.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (behaviour.retryAfter) headers['retry-after'] = behaviour.retryAfter;
        const type = behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error';
        res.writeHead(behaviour.status, headers).end(JSON.stringify({ error: { message: `fake ${behaviour.status}`, type, code: type } }));
        return;
      }
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `chatcmpl-fake-${++counter}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: ('text' in behaviour && behaviour.text) || DEFAULT_POST, refusal: null },
                finish_reason: 'stop',
                logprobs: null,
              },
            ],
            usage: USAGE,
          }),
        );
        return;
      }
      void streamAnswer(res, model, behaviour, () => aborted);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** Base URL for the SDK's `baseURL` (requests go to `${url}/chat/completions`). */
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    usage: USAGE,
    enqueue(...behaviours: FakeBehaviour[]) {
      queue.push(...behaviours);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>;
