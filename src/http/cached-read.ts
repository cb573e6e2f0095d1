import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { CachedResponse } from '../infra/cache/cached-response.js';
import { responseKey } from '../infra/cache/response-key.js';
import type { ResponseStore } from '../infra/cache/response-store.js';
import { acceptedRequestId } from '../plugins/request-id.js';

export interface CachedReadOptions {
  store: ResponseStore;
  endpoint: string;
  /** The cache session of a bearer token (see `sessionOf`); rejects when the token is not valid. */
  sessionOfToken(token: string): Promise<string | null>;
  /** Bodies above this are left to the GraphQL server, which applies its own limits. */
  maxBodyBytes: number;
  /** Told about every hit, so metrics and the access log count operations that skipped execution. */
  onHit?(operation: { query: string; operationName?: string | null }, seconds: number, req: IncomingMessage): void;
}

const RESPONSE_TYPES = ['application/graphql-response+json', 'application/json'];
const BEARER = /^Bearer\s+(\S+)$/i;
/** A verified token's session is reused this long, so hits do not pay for JWT verification each time. */
const VERIFIED_TOKEN_MS = 10_000;

/** The media type Yoga would answer a non-streaming result with, mirroring its negotiation; undefined otherwise. */
function negotiate(accept: string | undefined): string | undefined {
  if (accept?.includes('text/html')) return undefined;
  const requested = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',').reverse();
  let chosen: string | undefined;
  for (const item of requested) {
    const [mediaType = '', ...params] = item.split(';');
    const charset = params.find((p) => p.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    const [pre, suf] = mediaType.split('/');
    for (const type of RESPONSE_TYPES) {
      const [tPre, tSuf] = type.split('/');
      if ((pre === '*' || pre === tPre) && (suf === '*' || suf === tSuf)) chosen = type;
    }
  }
  return chosen;
}

function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => (size === length ? resolve(Buffer.concat(chunks, size)) : reject(new Error('body length mismatch'))));
    req.on('error', reject);
  });
}

interface Operation {
  query: string;
  variables?: unknown;
  operationName?: string | null;
}

function operationOf(value: unknown): Operation | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { query, variables, operationName } = value as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return { query, variables, operationName };
}

function operationFromUrl(url: URL): Operation | undefined {
  const query = url.searchParams.get('query');
  if (query === null) return undefined;
  const variables = url.searchParams.get('variables');
  try {
    return { query, variables: variables ? JSON.parse(variables) : undefined, operationName: url.searchParams.get('operationName') };
  } catch {
    return undefined;
  }
}

/**
 * Serves response-cache hits straight from node:http, before Yoga parses, validates or builds a
 * context: the key is computed from the raw request exactly as the GraphQL plugin computes it when
 * it stores a result, and the stored bytes are written as they are. Anything it cannot answer
 * (misses, mutations — never stored —, invalid tokens, CORS requests, other media types) falls
 * through to Yoga with the body it already read.
 */
export function createCachedReadHandler({ store, endpoint, sessionOfToken, maxBodyBytes, onHit }: CachedReadOptions) {
  const missed = new WeakSet<object>();
  const bytes = new WeakMap<CachedResponse, Buffer>();
  const verified = new LRUCache<string, { session: string | null }>({ max: 10_000, ttl: VERIFIED_TOKEN_MS });

  async function sessionOf(authorization: string | undefined): Promise<string | null | undefined> {
    if (!authorization) return null;
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) return undefined;
    const known = verified.get(token);
    if (known) return known.session;
    try {
      const session = await sessionOfToken(token);
      verified.set(token, { session });
      return session;
    } catch {
      return undefined;
    }
  }

  async function operationOfRequest(req: IncomingMessage, url: URL): Promise<Operation | undefined> {
    if (req.method === 'GET') return operationFromUrl(url);
    const length = Number(req.headers['content-length']);
    if (req.method !== 'POST' || !req.headers['content-type']?.includes('json') || !(length > 0 && length <= maxBodyBytes)) return undefined;
    const body = await readBody(req, length);
    // Yoga reads the body from here when the request falls through (whatwg-node honours req.body).
    (req as IncomingMessage & { body?: Buffer }).body = body;
    try {
      return operationOf(JSON.parse(body.toString('utf8')));
    } catch {
      return undefined;
    }
  }

  function write(req: IncomingMessage, res: ServerResponse, entry: CachedResponse, mediaType: string) {
    let body = bytes.get(entry);
    if (!body) bytes.set(entry, (body = Buffer.from(entry.body)));
    res.writeHead(200, {
      'content-type': `${mediaType}; charset=utf-8`,
      'content-length': body.length,
      'x-request-id': acceptedRequestId(req.headers['x-request-id'] as string | undefined),
      'x-cache': 'HIT',
    });
    res.end(body);
  }

  return {
    /** True when the request was answered from the cache; otherwise Yoga must handle it. */
    async tryServe(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const started = performance.now();
      if (req.headers.origin !== undefined) return false;
      const mediaType = negotiate(req.headers.accept);
      if (!mediaType) return false;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== endpoint) return false;
      const operation = await operationOfRequest(req, url);
      if (!operation) return false;
      const session = await sessionOf(req.headers.authorization);
      if (session === undefined) return false;
      const key = responseKey({ ...operation, session });
      const entry = store.peek(key) ?? (await store.get(key));
      if (!entry) {
        missed.add(req);
        res.setHeader('x-cache', 'MISS');
        return false;
      }
      store.recordLookup(true);
      write(req, res, entry, mediaType);
      onHit?.(operation, (performance.now() - started) / 1000, req);
      return true;
    },
    /** True when tryServe already looked this request up and missed (the GraphQL plugin then skips its own look-up). */
    alreadyMissed: (req: object) => missed.has(req),
  };
}
