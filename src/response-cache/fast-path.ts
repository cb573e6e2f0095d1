import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { EdgeRequest, GraphQLParams } from '../server-context.js';
import type { Viewer } from '../shared/viewer.js';
import type { CacheCaller } from './cache-caller.js';
import { type CachedResponse, isStale } from './cached-response.js';
import type { ResponseKeyInput } from './response-key.js';
import type { ResponseStore } from './response-store.js';

/** Counts operations answered without execution, as executed ones are counted (see OperationRecorder). */
export interface HitRecorder {
  label(name: string | null | undefined): string;
  recordCached(name: string | null | undefined, type: 'query', seconds: number): void;
}

export interface FastPathOptions {
  store: ResponseStore;
  /** The shared response key of a request; the same function the storing plugin uses. */
  keyOf(operation: ResponseKeyInput): string;
  operations: HitRecorder;
  /** The caller as look-ups see them (session, and memberships when an entry asks for them). */
  callerOf(viewer: Viewer | null): CacheCaller;
  /** Told about every stale entry served, so it is re-executed in the background. */
  onStale(entry: CachedResponse, edge: EdgeRequest): void;
  /**
   * The document a request runs: its text, or the persisted one its hash names; undefined when it
   * must not be answered from the cache (raw text where only persisted documents may run).
   */
  documentOf(params: GraphQLParams): Promise<string | undefined>;
}

const RESPONSE_TYPES = ['application/graphql-response+json', 'application/json'];
/** How long a miss waits for an identical request already executing before executing itself. */
const COALESCE_MAX_WAIT_MS = 5_000;

/**
 * A document that starts with a mutation is never in the cache: skip hashing its variables (an
 * ingest batch's 500 events) and the Redis look-up. Anything else is looked up; GraphQL decides.
 */
const MUTATION = /^\s*mutation\b/;

/** The media type GraphQL would answer a non-streaming result with, mirroring Yoga's negotiation; undefined otherwise. */
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

/**
 * `keyOf` remembered per variables object: the edge hands every request with the same body text the same
 * parsed variables (see createParamsParser), so a repeated read hashes its key once rather than on every hit.
 * Requests without variables are keyed by their document, a bounded few.
 */
function rememberedKeys(keyOf: (operation: ResponseKeyInput) => string) {
  const byVariables = new WeakMap<object, { query: string; operationName: string | null | undefined; key: string }>();
  const withoutVariables = new LRUCache<string, string>({ max: 1_000 });
  return (query: string, params: GraphQLParams): string => {
    const { variables, operationName } = params;
    if (variables && typeof variables === 'object') {
      const known = byVariables.get(variables);
      if (known && known.query === query && known.operationName === operationName) return known.key;
      const key = keyOf({ query, variables, operationName });
      byVariables.set(variables, { query, operationName, key });
      return key;
    }
    const text = `${operationName ?? ''}\n${query}`;
    let key = withoutVariables.get(text);
    if (key === undefined) withoutVariables.set(text, (key = keyOf({ query, variables, operationName })));
    return key;
  };
}

const operationName = (params: GraphQLParams, query: string) => params.operationName ?? /^\s*query\s+([_A-Za-z]\w*)/m.exec(query)?.[1];

/**
 * Serves response-cache hits at the edge, before GraphQL parses, validates or builds a context: the
 * key is computed from the parameters the edge parsed, exactly as the storing plugin computes it, and
 * the stored bytes are written as they are. Anything it cannot answer (mutations — never stored —,
 * refused credentials, other media types, misses) goes on to GraphQL; a miss remembers its key so it
 * is not computed twice.
 */
export function createFastPath({ store, keyOf, operations, callerOf, onStale, documentOf }: FastPathOptions) {
  const bytes = new WeakMap<CachedResponse, Buffer>();
  const mediaTypes = new Map<string, string | undefined>();
  const missedKeys = new WeakMap<EdgeRequest, string>();
  /** Shared keys being executed now, settled when that response has been sent (and stored). */
  const executing = new Map<string, Promise<void>>();
  /** Keys whose executed answer other callers could not be served (private, uncacheable): not waited on for a minute. */
  const unshareable = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  const keyFor = rememberedKeys(keyOf);

  /**
   * Concurrent misses of one key (a popular page that just expired, under many connections) wait for
   * the first one's answer instead of all executing it. Resolves the entry it brought, if any.
   */
  async function awaitExecuting(key: string, caller: CacheCaller, res: ServerResponse): Promise<CachedResponse | undefined> {
    const leader = executing.get(key);
    if (!leader) {
      // An identical request may have finished while this one waited for Redis.
      const arrived = store.peekFor(key, caller);
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
    const entry = await store.inProcess(key, caller);
    // Only a finished execution tells whether its answer is shared; a slow one (an overloaded server) says nothing.
    if (!entry && settled) unshareable.set(key, true);
    return entry;
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

  function write(res: ServerResponse, entry: CachedResponse, mediaType: string) {
    let body = bytes.get(entry);
    if (!body) bytes.set(entry, (body = Buffer.from(entry.body)));
    res.writeHead(200, { 'content-type': `${mediaType}; charset=utf-8`, 'content-length': body.length, 'x-cache': 'HIT' });
    res.end(body);
  }

  return {
    /** True when the request was answered from the cache; otherwise GraphQL must answer it. */
    async tryServe(req: IncomingMessage, res: ServerResponse, edge: EdgeRequest): Promise<boolean> {
      const started = performance.now();
      const { params } = edge;
      if (!params || edge.authError) return false;
      const query = await documentOf(params);
      if (query === undefined || MUTATION.test(query)) return false;
      const mediaType = mediaTypeOf(req.headers.accept);
      if (!mediaType) return false;
      const key = keyFor(query, params);
      const caller = callerOf(edge.viewer);
      const entry = store.peekFor(key, caller) ?? (await store.lookup(key, caller)) ?? (await awaitExecuting(key, caller, res));
      const name = operationName(params!, query);
      store.recordLookup(entry !== undefined, operations.label(name));
      if (!entry) {
        missedKeys.set(edge, key);
        res.setHeader('x-cache', 'MISS');
        return false;
      }
      const now = Date.now();
      // Noted before the bytes are written: the edge derives the caching headers from what is left of the entry's freshness.
      const freshUntil = entry.staleSince ?? entry.expiresAt;
      Object.assign(edge.note, { operationName: operations.label(name), operationType: 'query', cacheHint: { maxAgeMs: Math.max(0, freshUntil - now) } });
      write(res, entry, mediaType);
      operations.recordCached(name, 'query', (performance.now() - started) / 1000);
      if (isStale(entry, now)) onStale(entry, edge);
      return true;
    },
    /** The key a request missed under, when the edge looked it up. */
    missedKey: (edge: EdgeRequest | undefined) => (edge ? missedKeys.get(edge) : undefined),
  };
}
