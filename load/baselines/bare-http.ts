import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RssSampler } from '../process-tree.js';
import { freePort, stopProcess, tail, waitForHttp } from '../server-process.js';

export interface CapturedResponse {
  contentType: string;
  body: Buffer;
}

/** The exact bytes the API answers to one request, so the baseline serves identical content. */
export async function captureResponse(baseUrl: string, body: string): Promise<CapturedResponse> {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!response.ok) throw new Error(`capture failed: HTTP ${response.status}`);
  return { contentType: response.headers.get('content-type') ?? 'application/json', body: Buffer.from(await response.arrayBuffer()) };
}

// Runs in its own process (like the API) so it does not share an event loop with the load generator.
const SERVER_SOURCE = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.BODY_FILE);
const headers = { 'content-type': process.env.CONTENT_TYPE, 'content-length': body.length };
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, headers); res.end(body); });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** A bare node:http server answering every request with the captured bytes. */
export async function startBareHttp(captured: CapturedResponse) {
  const dir = await mkdtemp(join(tmpdir(), 'lpa-bare-'));
  const bodyFile = join(dir, 'body');
  await writeFile(bodyFile, captured.body);
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    env: { PATH: process.env.PATH ?? '', BODY_FILE: bodyFile, CONTENT_TYPE: captured.contentType, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(url, child, 10_000);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
  const rss = new RssSampler(child.pid!);
  return {
    url,
    pid: child.pid!,
    rss,
    stop: async () => {
      rss.stop();
      await stopProcess(child);
    },
  };
}
