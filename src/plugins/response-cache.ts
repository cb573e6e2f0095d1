import { useResponseCache, type Cache, type CacheEntityRecord } from '@envelop/response-cache';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { getOperationAST, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { type Context, viewerUserId } from '../context.js';
import { isStale, type CachedResponse } from '../infra/cache/cached-response.js';
import { ownedBy, type CacheEntity } from '../infra/cache/response-cache-invalidator.js';
import type { CanonicalArguments } from '../infra/cache/canonical-variables.js';
import { createResponseKeyer, ownKey } from '../infra/cache/response-key.js';
import type { ResponseStore } from '../infra/cache/response-store.js';
import { responseScopeOf, sessionOf } from '../schema/response-scope.js';
import { withKnownBody } from './known-body.js';
import { carriesCacheMetadata, collectResultEntities, fieldTypesOf, withoutLibraryWalk, type FieldTypes, type ResultEntities } from './response-entities.js';

export interface ResponseCachePolicy {
  /** Milliseconds for responses no coordinate below speaks about. Never Infinity. */
  defaultTtlMs: number;
  /**
   * Milliseconds a response past its TTL is still served, stale, while its first reader then has it
   * re-executed in the background (stale-while-revalidate): a read that comes back within the grace
   * never waits for an expiry. Changes made through the API still evict or mark at once; this only
   * lengthens how stale an answer may be after a change that bypassed the API, to TTL + grace.
   */
  graceMs: number;
  /**
   * Fraction (0..1) by which each response's TTL is shortened at random, so answers stored together
   * (a warm-up, the first seconds after a deploy) do not all go stale in the same second and have
   * their re-executions land at once. TTLs stay upper bounds.
   */
  ttlJitter: number;
  /** Milliseconds per type ("Post") or field ("Query.posts"); a response lives as long as its shortest. */
  ttlMs: Record<string, number>;
  /** Coordinates whose data is the viewer's own: never cached without a session, never shared. */
  privateCoordinates: string[];
  /**
   * Root look-ups whose null answer may hide something another caller can see (someone's draft):
   * a response with such a null is the caller's own.
   */
  nullIsOwnAnswer: string[];
  /**
   * Fields whose results depend on which entities exist or are visible (lists, rankings), mapped to
   * the tags a response selecting them is indexed under; writes that change membership invalidate
   * the tag (e.g. `{ typename: 'Post' }`).
   */
  membershipTags: Record<string, string[]>;
  /**
   * Milliseconds by which answers may lag a change to an entity of this typename (engagement
   * numbers): such a change marks them stale rather than evicting them (see `ResponseStore.markStale`).
   */
  lagMs: Record<string, number>;
  /** Root-field arguments ("searchPosts.query") whose equivalent values share one cached answer. */
  canonicalArguments: CanonicalArguments;
}

/** `ttlMs` less a random part of up to `jitter` of it, in whole milliseconds. */
export function shortenedAtRandom(ttlMs: number, jitter: number, random: () => number = Math.random): number {
  return Math.round(ttlMs * (1 - jitter * random()));
}

/** Global ids are standard base64 (Pothos), so anything with another character (a UUID's dashes) is a raw id. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** "Post:<raw id>" whether given the raw id or the Relay global id the schema exposes. */
export function entityKey({ typename, id }: CacheEntity): string {
  if (id === undefined || id === null) return typename;
  const raw = String(id);
  // Services invalidate by raw UUID, dozens per ingest batch; decoding those would throw (slowly) every time.
  if (!BASE64.test(raw)) return `${typename}:${raw}`;
  try {
    const decoded = decodeGlobalID(raw);
    if (decoded.typename === typename && decoded.id) return `${typename}:${decoded.id}`;
  } catch {
    // not a global id: a raw one
  }
  return `${typename}:${raw}`;
}

/** `revalidating`: the request re-executes a stale entry (see `StaleRevalidator`), so it must not read the cache. */
type CacheContext = YogaInitialContext & Context & { req?: object; revalidating?: boolean };

/** What re-executes the request behind a stale entry: its operation, as the same caller. */
export interface StaleRead {
  operation: { query: string; variables?: unknown; operationName?: string | null };
  authorization: string | undefined;
}

export interface ResponseCachePluginOptions {
  store: ResponseStore;
  policy: ResponseCachePolicy;
  /** True when the HTTP fast path already looked this request's key up and missed. */
  alreadyMissed?: (serverRequest: object) => boolean;
  /** Told about every stale entry served, so it is re-executed in the background. */
  onStale?: (entry: CachedResponse, read: StaleRead) => void;
  /** The bounded metrics label of an operation name (see `OperationRecorder.label`). */
  operationLabel: (name: string | null | undefined) => string;
}

interface DocumentFacts {
  /** Membership tags of the fields it selects. */
  tags: string[];
  selectsPrivate: boolean;
  /** Response names of root look-ups listed in `nullIsOwnAnswer`. */
  nullableLookups: string[];
}

/** Until the schema is known nothing is shared. */
const UNKNOWN_DOCUMENT: DocumentFacts = { tags: [], selectsPrivate: true, nullableLookups: [] };

const isNullLookup = (value: unknown) => value === null || (Array.isArray(value) && value.includes(null));

/**
 * The response cache in the Yoga plugin list: @envelop/response-cache decides what to cache, for how
 * long and which entities a result contains; our ResponseStore keeps the serialised bytes (shared with
 * the HTTP fast path) in process and in Redis. Only queries are cached; writes invalidate explicitly
 * through `ResponseCacheInvalidator` so exactly the touched entities are evicted.
 *
 * An answer nobody would get differently is stored under the request's shared key, for every caller;
 * one that selects a private coordinate, or that a resolver marked as the caller's own (see
 * `ResponseScope`), under the caller's own key. A shared answer lists the sessions it must not be
 * served to (the owners of unpublished data it leaves out). Look-ups try the shared key, then the own.
 */
export function useCachedResponses({ store, policy, alreadyMissed, onStale, operationLabel }: ResponseCachePluginOptions): Plugin<CacheContext> {
  const documents = new WeakMap<object, DocumentNode>();
  const collected = new WeakMap<object, ResultEntities>();
  const factsByDocument = new WeakMap<DocumentNode, DocumentFacts>();
  const privateCoordinates = new Set(policy.privateCoordinates);
  const nullIsOwnAnswer = new Set(policy.nullIsOwnAnswer);
  const responseKey = createResponseKeyer(policy.canonicalArguments);
  let schema: GraphQLSchema | undefined;
  let fieldTypes: FieldTypes = new Map();

  function factsOf(document: DocumentNode): DocumentFacts {
    let facts = factsByDocument.get(document);
    if (facts || !schema) return facts ?? UNKNOWN_DOCUMENT;
    const tags = new Set<string>();
    const nullableLookups: string[] = [];
    let selectsPrivate = false;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (!parent) return;
          const coordinate = `${parent.name}.${node.name.value}`;
          for (const tag of policy.membershipTags[coordinate] ?? []) tags.add(tag);
          if (privateCoordinates.has(coordinate) || privateCoordinates.has(parent.name)) selectsPrivate = true;
          if (nullIsOwnAnswer.has(coordinate)) nullableLookups.push(node.alias?.value ?? node.name.value);
        },
      }),
    );
    factsByDocument.set(document, (facts = { tags: [...tags], selectsPrivate, nullableLookups }));
    return facts;
  }

  function cacheFor(ctx: CacheContext): Cache {
    const startedAt = Date.now();
    const session = sessionOf(ctx.viewer);
    return {
      async get(key) {
        if (ctx.revalidating) return null;
        const skipLookup = ctx.req !== undefined && alreadyMissed?.(ctx.req) === true;
        const entry = skipLookup ? undefined : await store.lookup(key, session);
        const document = documents.get(ctx);
        const name = (document && getOperationAST(document, ctx.params?.operationName ?? undefined)?.name?.value) ?? ctx.params?.operationName;
        store.recordLookup(entry !== undefined, operationLabel(name));
        if (entry && isStale(entry, Date.now()) && typeof ctx.params?.query === 'string') {
          const { query, variables, operationName } = ctx.params;
          onStale?.(entry, { operation: { query, variables, operationName }, authorization: ctx.request.headers.get('authorization') ?? undefined });
        }
        return entry ? withKnownBody(JSON.parse(entry.body) as ExecutionResult, entry.body) : null;
      },
      set(key, result, entities, documentTtl) {
        const held = collected.get(ctx);
        const ttl = Math.min(documentTtl, held?.ttlMs ?? Infinity);
        const document = documents.get(ctx);
        const facts = document ? factsOf(document) : UNKNOWN_DOCUMENT;
        if (ttl === 0 || (facts.selectsPrivate && !session)) return;
        const scope = responseScopeOf(ctx);
        const data = result.data as Record<string, unknown> | null | undefined;
        const own = facts.selectsPrivate || scope.viewerBound || facts.nullableLookups.some((name) => isNullLookup(data?.[name]));
        const keys = new Set([...entities, ...(held?.entities ?? [])].map(entityKey));
        for (const tag of facts.tags) keys.add(tag);
        for (const entity of scope.dependsOn) keys.add(entityKey(entity));
        // A caller's own lists and look-ups also change when their unpublished posts do.
        const userId = viewerUserId(ctx);
        if (own && userId) for (const tag of [...keys].filter((k) => !k.includes(':'))) keys.add(ownedBy(tag, userId).typename);
        const ttlMs = shortenedAtRandom(Number.isFinite(ttl) && ttl > 0 ? ttl : policy.defaultTtlMs, policy.ttlJitter);
        const except = own || scope.differsFor.size === 0 ? {} : { except: [...scope.differsFor] };
        const body = JSON.stringify(result);
        withKnownBody(result, body);
        const freshUntil = Date.now() + ttlMs;
        const staleMark = policy.graceMs > 0 ? { staleSince: freshUntil } : {};
        const entry = { body, entities: [...keys], expiresAt: freshUntil + policy.graceMs, ...staleMark, ...except };
        return store.set(own ? ownKey(key, session) : key, entry, startedAt);
      },
      invalidate: (entities: Iterable<CacheEntityRecord>) => store.invalidate([...entities].map(entityKey)),
    };
  }

  const isQuery = (ctx: CacheContext) => {
    const document = documents.get(ctx);
    // Without the raw text (persisted or WebSocket operations) there is no key to share with the fast path.
    if (document === undefined || typeof ctx.params?.query !== 'string') return false;
    return getOperationAST(document, ctx.params?.operationName ?? undefined)?.operation === 'query';
  };

  return {
    onSchemaChange({ schema: next }) {
      schema = next;
      fieldTypes = fieldTypesOf(next);
    },
    onExecute({ args }) {
      const ctx = args.contextValue as CacheContext;
      documents.set(ctx, args.document);
      if (!isQuery(ctx)) return;
      return {
        // Runs before the library's own hook (it is added after this plugin), which then leaves the data alone.
        onExecuteDone({ result, setResult }) {
          if (!('data' in result) || !carriesCacheMetadata(result.data)) return;
          collected.set(ctx, collectResultEntities(result.data, fieldTypes, policy.ttlMs));
          setResult({ ...result, data: withoutLibraryWalk(result.data) });
        },
      };
    },
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache<CacheContext>({
          session: (ctx) => sessionOf(ctx.viewer),
          enabled: isQuery,
          cache: (ctx) => cacheFor(ctx as CacheContext),
          // The shortest TTL of what a response holds is applied in `set`, with policy.defaultTtlMs when nothing names one.
          ttl: Infinity,
          ttlPerSchemaCoordinate: policy.ttlMs,
          scopePerSchemaCoordinate: Object.fromEntries(policy.privateCoordinates.map((c) => [c, 'PRIVATE' as const])),
          invalidateViaMutation: false,
          includeExtensionMetadata: false,
          getDocumentString: (args) => (args.contextValue as CacheContext).params?.query ?? '',
          // The shared key: `cacheFor` decides per answer whether it is stored there or under the caller's own.
          buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
            responseKey({ query: documentString, variables: variableValues, operationName }),
          shouldCacheResult: ({ result }) => !result.errors?.length && result.data != null,
        }),
      );
    },
  };
}
