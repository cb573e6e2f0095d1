import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Web pages for article previews, on 127.0.0.1 (an app under test allows it with
 * ARTICLE_PREVIEW_ALLOWED_CIDRS=127.0.0.1/32): one path per way a page can be, or fail to be, previewed.
 * `blocked` and `closed` are URLs that must not be fetched or cannot be reached.
 */
export interface ArticlePages {
  url(path: ArticlePagePath): string;
  /** A URL on 127.0.0.2, which the allowlist does not cover; nothing listens there. */
  blocked: string;
  /** A port on 127.0.0.1 nothing listens on. */
  closed: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

export type ArticlePagePath = '/article' | '/cover.png' | '/slow' | '/huge' | '/json' | '/missing' | '/loop' | '/to-private';

export const ARTICLE_TITLE = 'Shipping on Fridays';
export const ARTICLE_DESCRIPTION = 'Why we ship on Fridays, and what it took.';
/** The bytes of /cover.png (a PNG signature and a little more), which the article page names as og:image. */
export const COVER_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

export async function startArticlePages(): Promise<ArticlePages> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    switch (req.url) {
      case '/article':
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<head><meta property="og:title" content="${ARTICLE_TITLE}"><meta name="description" content="${ARTICLE_DESCRIPTION}">` +
              '<meta property="og:image" content="/cover.png"></head>',
          );
      case '/cover.png':
        return res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(COVER_PNG.length) }).end(COVER_PNG);
      case '/slow': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const drip = setInterval(() => res.write(' '), 100);
        return res.on('close', () => clearInterval(drip));
      }
      case '/huge':
        return res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) }).end();
      case '/json':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/to-private':
        return res.writeHead(302, { location: 'http://127.0.0.2/' }).end();
      default:
        return res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
    }
  });
  const port = await listen(server);
  const closedServer = createServer();
  const closedPort = await listen(closedServer);
  await new Promise((resolve) => closedServer.close(resolve));
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    blocked: 'http://127.0.0.2/private',
    closed: `http://127.0.0.1:${closedPort}/`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
