import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { isStale, type CachedResponse } from '../infra/cache/cached-response.js';
import type { ResponseKeyInput } from '../infra/cache/response-key.js';
import type { ResponseStore } from '../infra/cache/response-store.js';
import type { StaleRead } from '../plugins/response-cache.js';
import { attachBody } from './request-body.js';

export interface CachedReadOptions {
  store: ResponseStore;
  endpoint: string;
  /** The cache session of a bearer token (see `sessionOf`); rejects when the token is not valid. */
  sessionOfToken(token: string): Promise<string | null>;
  /** The response key of a request: the same function the GraphQL plugin stores results under. */
  keyOf(operation: ResponseKeyInput): string;
  /** Bodies above this are left to the GraphQL server, which applies its own limits. */
  maxBodyBytes: number;
  /** The bounded metrics label of an operation (see `OperationRecorder.label`). */
  operationLabel(operation: { query: string; operationName?: string | null }): string;
  /** Told about every hit, so metrics and the access log count operations that skipped execution. */
  onHit?(operation: { query: string; operationName?: string | null }, seconds: number, req: IncomingMessage): void;
  /** Told about every stale entry served, so it is re-executed in the background. */
  onStale?(entry: CachedResponse, read: StaleRead): void;
}

const RESPONSE_TYPES = ['application/graphql-response+json', 'application/json'];
const BEARER = /^Bearer\s+(\S+)$/i;
/** Request bodies (or URL queries) remembered with their parsed operation and key, by total characters. */
const PARSED_REQUESTS_CHARS = 8_000_000;
const PARSED_REQUEST_MAX_CHARS = 16_000;
/** How long a miss waits for an identical request already executing before executing itself. */
const COALESCE_MAX_WAIT_MS = 5_000;

/**
 * A document that starts with a mutation is never in the cache: skip hashing its variables (an
 * ingest batch's 500 events) and the Redis look-up. Anything else is looked up; Yoga decides.
 */
const MUTATION = /^\s*mutation\b/;

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

/** A request's operation with its shared response key, computed once per distinct request text. */
interface ParsedRequest {
  operation: Operation;
  key: string;
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
export function createCachedReadHandler({ store, endpoint, sessionOfToken, keyOf, operationLabel, maxBodyBytes, onHit, onStale }: CachedReadOptions) {
  const missed = new WeakSet<object>();
  const bytes = new WeakMap<CachedResponse, Buffer>();
  const parsed = new LRUCache<string, ParsedRequest | false>({ maxSize: PARSED_REQUESTS_CHARS, sizeCalculation: (_, text) => text.length });
  const mediaTypes = new Map<string, string | undefined>();
  /** Shared keys being executed now, settled when that response has been sent (and stored). */
  const executing = new Map<string, Promise<void>>();
  /** Keys whose executed answer other callers could not be served (private, uncacheable): not waited on for a minute. */
  const unshareable = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });

  /**
   * Concurrent misses of one key (a popular page that just expired, under many connections) wait for
   * the first one's answer instead of all executing it. Resolves the entry it brought, if any.
   */
  async function awaitExecuting(key: string, session: string | null, res: ServerResponse): Promise<CachedResponse | undefined> {
    const leader = executing.get(key);
    if (!leader) {
      // An identical request may have finished while this one waited for Redis.
      const arrived = store.peekFor(key, session);
      if (arrived) return arrived;
      let settle!: () => void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      executing.set(key, done);
      res.once('close', () => {
        if (executing.get(key) === done) executing.delete(key);
        settle();
      });
      return undefined;
    }
    if (unshareable.has(key)) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([leader.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(resolve, COALESCE_MAX_WAIT_MS, false)))]);
    clearTimeout(timer);
    const entry = store.peekFor(key, session);
    // Only a finished execution tells whether its answer is shared; a slow one (an overloaded server) says nothing.
    if (!entry && settled) unshareable.set(key, true);
    return entry;
  }

  async function sessionOf(authorization: string | undefined): Promise<string | null | undefined> {
    if (!authorization) return null;
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) return undefined;
    try {
      // The token service remembers verified tokens, so a hit pays no signature check.
      return await sessionOfToken(token);
    } catch {
      return undefined;
    }
  }

  /** Accept headers are few: their negotiation is remembered (bounded). */
  function mediaTypeOf(accept: string | undefined): string | undefined {
    const header = accept ?? '';
    if (mediaTypes.has(header)) return mediaTypes.get(header);
    const chosen = negotiate(accept);
    if (mediaTypes.size >= 100) mediaTypes.clear();
    mediaTypes.set(header, chosen);
    return chosen;
  }

  /** The parsed request for a body or URL query text, remembered when the text is small enough; false when invalid. */
  function parse(text: string, read: (text: string) => Operation | undefined): ParsedRequest | false {
    const known = parsed.get(text);
    if (known !== undefined) return known;
    const operation = read(text);
    const result = operation ? { operation, key: keyOf(operation) } : false;
    if (text.length <= PARSED_REQUEST_MAX_CHARS) parsed.set(text, result);
    return result;
  }

  async function requestOf(req: IncomingMessage): Promise<ParsedRequest | false> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt < 0 ? url : url.slice(0, queryAt)) !== endpoint) return false;
    if (req.method === 'GET') return queryAt < 0 ? false : parse(url.slice(queryAt), (search) => operationFromUrl(new URL(search, 'http://localhost')));
    const length = Number(req.headers['content-length']);
    if (req.method !== 'POST' || !req.headers['content-type']?.includes('json') || !(length > 0 && length <= maxBodyBytes)) return false;
    const body = await readBody(req, length);
    // Yoga reads the body from here when the request falls through.
    attachBody(req, body);
    return parse(body.toString('utf8'), (text) => {
      try {
        const operation = operationOf(JSON.parse(text));
        return operation && !MUTATION.test(operation.query) ? operation : undefined;
      } catch {
        return undefined;
      }
    });
  }

  function write(res: ServerResponse, entry: CachedResponse, mediaType: string) {
    let body = bytes.get(entry);
    if (!body) bytes.set(entry, (body = Buffer.from(entry.body)));
    // X-Request-Id is already on the response (observeRequests settles it for every request).
    res.writeHead(200, { 'content-type': `${mediaType}; charset=utf-8`, 'content-length': body.length, 'x-cache': 'HIT' });
    res.end(body);
  }

  return {
    /** True when the request was answered from the cache; otherwise Yoga must handle it. */
    async tryServe(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const started = performance.now();
      if (req.headers.origin !== undefined) return false;
      const mediaType = mediaTypeOf(req.headers.accept);
      if (!mediaType) return false;
      const request = await requestOf(req);
      if (!request) return false;
      const session = await sessionOf(req.headers.authorization);
      if (session === undefined) return false;
      const { operation, key } = request;
      const entry = store.peekFor(key, session) ?? (await store.lookup(key, session)) ?? (await awaitExecuting(key, session, res));
      if (!entry) {
        missed.add(req);
        res.setHeader('x-cache', 'MISS');
        return false;
      }
      store.recordLookup(true, operationLabel(operation));
      write(res, entry, mediaType);
      onHit?.(operation, (performance.now() - started) / 1000, req);
      if (isStale(entry, Date.now())) onStale?.(entry, { operation, authorization: req.headers.authorization });
      return true;
    },
    /** True when tryServe already looked this request up and missed (the GraphQL plugin then skips its own look-up). */
    alreadyMissed: (req: object) => missed.has(req),
  };
}
