import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** Tokens in the hook line of every completion. */
const HOOK_TOKENS = 4;

export interface FakeOpenAIOptions {
  tokensPerCompletion: number;
  tokenIntervalMs: number;
}

/**
 * A stand-in for OpenAI's chat completions endpoint (streaming and not) that holds every request until
 * `release()`, then streams uniquely named tokens and records when each was written. The subscription
 * scenario uses this to open every subscriber before the first progress event and to time each delta
 * from the moment its token left the "model" to the moment a subscriber received it.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions) {
  const sentAt = new Map<string, number>();
  let released!: () => void;
  const gate = new Promise<void>((resolve) => (released = resolve));
  let completions = 0;

  const words = (n: number) => Array.from({ length: options.tokensPerCompletion }, (_, i) => `r${n}w${i}`);
  /**
   * Written like a post: a short hook line, a blank line, then the body. The writer holds text back
   * until the hook's line ends (it must fit above the fold), so a completion without a line break
   * would reach subscribers as one delta at the end instead of a stream.
   */
  const spacing = (i: number) => (i === HOOK_TOKENS - 1 ? '.\n\n' : ' ');

  async function complete(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || '{}') as { stream?: boolean; model?: string };
    await gate;
    const n = completions++;
    const id = `chatcmpl-bench-${n}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'bench';
    const tokens = words(n);
    if (!body.stream) {
      for (const token of tokens) sentAt.set(token, Date.now());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: tokens
                  .map((token, i) => token + spacing(i))
                  .join('')
                  .trimEnd(),
              },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 50, completion_tokens: tokens.length, total_tokens: 50 + tokens.length },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    for (const [i, token] of tokens.entries()) {
      // Between tokens only: like the real API, the finish chunk follows the last token at once.
      if (i > 0) await new Promise((r) => setTimeout(r, options.tokenIntervalMs));
      sentAt.set(token, Date.now());
      send({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [
          { index: 0, delta: i === 0 ? { role: 'assistant', content: `${token}${spacing(i)}` } : { content: `${token}${spacing(i)}` }, finish_reason: null },
        ],
      });
    }
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: { prompt_tokens: 50, completion_tokens: tokens.length, total_tokens: 50 + tokens.length },
    });
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/chat/completions')) {
      complete(req, res).catch(() => res.destroy());
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    baseURL: `http://127.0.0.1:${address.port}/v1`,
    release: () => released(),
    completions: () => completions,
    /** When the newest token mentioned in `text` was written, if any. */
    emittedAt(text: string): number | undefined {
      let latest: number | undefined;
      for (const match of text.matchAll(/r\d+w\d+/g)) {
        const at = sentAt.get(match[0]);
        if (at !== undefined && (latest === undefined || at > latest)) latest = at;
      }
      return latest;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>;
