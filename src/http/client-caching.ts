import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { EdgeRequest } from '../server-context.js';

/** What a GraphQL answer depends on besides its URL: the caller, and the media type negotiated. */
const VARY = ['Authorization', 'Accept'];
const JSON_BODY = /^application\/(?:graphql-response\+)?json\b/i;

/**
 * Only a GET answered 200 to an anonymous caller, that the response cache keeps (its hint says for how
 * long), may be cached by anyone: a CDN or the browser, for the smallest TTL of what it holds. An
 * answer for a session or a refused token is the caller's own and is not stored at all: it changes
 * with the caller's own writes, which no shared cache would see. Everything else (POST, mutations,
 * errors, uncacheable fields) is never stored.
 */
function cacheControlFor(method: string | undefined, status: number, edge: EdgeRequest): string {
  if (edge.viewer || edge.authError) return 'private, no-store';
  const hint = edge.note.cacheHint;
  if (method !== 'GET' || status !== 200 || !hint) return 'no-store';
  return `public, max-age=${Math.floor(hint.maxAgeMs / 1000)}`;
}

/** The response cache's fast path writes one Buffer per stored answer: its hits hash it once. */
const etags = new WeakMap<Buffer, string>();

/**
 * A weak validator over the identity bytes: compression (applied after this) may send the same answer
 * as br, gzip or plain, and a strong ETag would have to differ per coding (RFC 9110 8.8.3).
 */
function etagOf(body: Buffer): string {
  let etag = etags.get(body);
  if (!etag) etags.set(body, (etag = `W/"${createHash('sha256').update(body).digest('base64url')}"`));
  return etag;
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/` is ignored, `*` matches any current answer. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });
}

function withVary(current: ReturnType<ServerResponse['getHeader']>, added: readonly string[]): string {
  const names = String(current ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of added) if (!names.some((existing) => existing.toLowerCase() === name.toLowerCase())) names.push(name);
  return names.join(', ');
}

type WriteCallback = (error?: Error | null) => void;

/**
 * The client caching headers of one GraphQL answer, whoever writes it (GraphQL, or the response
 * cache's fast path): Cache-Control from the caller and the response cache's hint, Vary, and for a
 * GET answered 200 with JSON an ETag over the body, with 304 and no body when If-None-Match names it.
 * A GET's JSON body is held until it ends to hash it; streamed answers (multipart) pass through.
 */
export function applyClientCaching(req: IncomingMessage, res: ServerResponse, edge: EdgeRequest): void {
  res.setHeader('vary', withVary(res.getHeader('vary'), VARY));
  if (req.method !== 'GET') {
    res.setHeader('cache-control', cacheControlFor(req.method, 200, edge));
    return;
  }
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const restore = () => Object.assign(res, original);
  const chunks: Buffer[] = [];
  let status: number | undefined;
  let statusMessage: string | undefined;

  const toBuffer = (chunk: unknown, encoding?: BufferEncoding) =>
    Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), encoding);

  res.writeHead = ((code: number, ...rest: unknown[]) => {
    const message = typeof rest[0] === 'string' ? rest[0] : undefined;
    const headers = (typeof rest[0] === 'string' ? rest[1] : rest[0]) as OutgoingHttpHeaders | unknown[] | undefined;
    if (headers && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    }
    res.setHeader('cache-control', cacheControlFor('GET', code, edge));
    if (Array.isArray(headers) || code !== 200 || !JSON_BODY.test(String(res.getHeader('content-type') ?? ''))) {
      restore();
      return message === undefined ? res.writeHead(code) : res.writeHead(code, message);
    }
    status = code;
    statusMessage = message;
    return res;
  }) as ServerResponse['writeHead'];

  res.write = ((chunk: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback) => {
    chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  }) as ServerResponse['write'];

  res.end = ((chunk?: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback) => {
    restore();
    const done = [chunk, encoding, callback].find((arg): arg is WriteCallback => typeof arg === 'function');
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const code = status ?? res.statusCode;
    if (code !== 200 || !JSON_BODY.test(String(res.getHeader('content-type') ?? ''))) {
      if (!res.headersSent) res.setHeader('cache-control', cacheControlFor('GET', code, edge));
      return res.end(body, done);
    }
    const etag = etagOf(body);
    res.setHeader('cache-control', cacheControlFor('GET', code, edge));
    res.setHeader('etag', etag);
    if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
      res.removeHeader('content-length');
      res.removeHeader('content-type');
      res.writeHead(304);
      return res.end(done);
    }
    res.setHeader('content-length', body.length);
    if (statusMessage === undefined) res.writeHead(code);
    else res.writeHead(code, statusMessage);
    return res.end(body, done);
  }) as ServerResponse['end'];
}
