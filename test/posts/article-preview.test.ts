import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addressPolicy } from '../../src/infra/guarded-fetch/address-policy.js';
import type { GuardedFetchLimits } from '../../src/infra/guarded-fetch/guarded-fetch.js';
import { createArticlePreviewer } from '../../src/modules/posts/article-preview.js';

/** Real servers on loopback; only 127.0.0.1 is allowed (as ARTICLE_PREVIEW_ALLOWED_CIDRS would), 127.0.0.2 is "private". */
const servers: Server[] = [];
const hits: string[] = [];

async function serve(host: string, handler: RequestListener): Promise<string> {
  const server = createServer((req, res) => {
    hits.push(`${host} ${req.url}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  hits.length = 0;
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const limits = (allowed: string[], overrides: Partial<GuardedFetchLimits> = {}): GuardedFetchLimits => ({
  policy: addressPolicy(allowed),
  connectTimeoutMs: 500,
  totalTimeoutMs: 1500,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  ...overrides,
});
const preview = createArticlePreviewer(limits(['127.0.0.1/32']));
const strictPreview = createArticlePreviewer(limits([]));

const PAGE = `<!doctype html><html><head>
  <title>Fallback &amp; title</title>
  <meta property="og:title" content="The &quot;real&quot; title">
  <meta name='description' content='What the article is about.'>
  <meta property="og:image" content="/images/cover.png">
</head><body><meta property="og:title" content="not from the body"></body></html>`;

describe('article previews', () => {
  it('read og:title, the description and og:image (resolved against the page) from a page on an allowed address', async () => {
    const base = await serve('127.0.0.1', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
    expect(await preview(`${base}/article`)).toEqual({
      status: 'OK',
      title: 'The "real" title',
      description: 'What the article is about.',
      thumbnailUrl: `${base}/images/cover.png`,
    });
  });

  it('fall back to <title> and follow a redirect that stays on an allowed address', async () => {
    const base = await serve('127.0.0.1', (req, res) => {
      if (req.url === '/old') return res.writeHead(301, { location: '/new' }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title> Only a\n title </title></head></html>');
    });
    expect(await preview(`${base}/old`)).toEqual({ status: 'OK', title: 'Only a title' });
    expect(hits).toEqual(['127.0.0.1 /old', '127.0.0.1 /new']);
  });

  it.each([
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://172.16.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a00:1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://2130706433/',
  ])('refuse %s without connecting', async (url) => {
    expect(await strictPreview(url)).toEqual({ status: 'BLOCKED_ADDRESS' });
  });

  it('refuse a private address that is listening, and never send it a request', async () => {
    const privateBase = await serve('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    expect(await preview(`${privateBase}/`)).toEqual({ status: 'BLOCKED_ADDRESS' });
    expect(hits).toEqual([]);
  });

  it('refuse a redirect to loopback, checked again after the first hop', async () => {
    const privateBase = await serve('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    const base = await serve('127.0.0.1', (_req, res) => res.writeHead(302, { location: `${privateBase}/secret` }).end());
    expect(await preview(`${base}/go`)).toEqual({ status: 'BLOCKED_ADDRESS' });
    expect(hits).toEqual(['127.0.0.1 /go']);
  });

  it('refuse a DNS name that resolves to 127.0.0.1 when loopback is not allowed', async () => {
    const base = await serve('127.0.0.1', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    const port = new URL(base).port;
    expect(await strictPreview(`http://localhost:${port}/`)).toEqual({ status: 'BLOCKED_ADDRESS' });
    expect(hits).toEqual([]);
  });

  it('refuse a huge body, declared or streamed without a length, stopping at the limit', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const base = await serve('127.0.0.1', (req, res) => {
      if (req.url === '/declared') return res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 * 1024) }).end();
      res.writeHead(200, { 'content-type': 'text/html' });
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 50 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    expect(await preview(`${base}/declared`)).toEqual({ status: 'TOO_LARGE' });
    expect(await preview(`${base}/streamed`)).toEqual({ status: 'TOO_LARGE' });
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('give up on a body that drips in slower than the time limit', async () => {
    const base = await serve('127.0.0.1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const drip = setInterval(() => res.write('<'), 100);
      res.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    expect(await preview(`${base}/slow`)).toEqual({ status: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuse what is not HTML, error statuses, redirect loops and closed ports', async () => {
    const base = await serve('127.0.0.1', (req, res) => {
      if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
    });
    expect(await preview(`${base}/json`)).toEqual({ status: 'NOT_HTML' });
    expect(await preview(`${base}/missing`)).toEqual({ status: 'HTTP_ERROR' });
    expect(await preview(`${base}/loop`)).toEqual({ status: 'TOO_MANY_REDIRECTS' });
    expect(hits.filter((hit) => hit.endsWith('/loop'))).toHaveLength(4);
    const closed = await serve('127.0.0.1', () => {});
    const port = new URL(closed).port;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await preview(`http://127.0.0.1:${port}/`)).toEqual({ status: 'UNREACHABLE' });
  });
});
