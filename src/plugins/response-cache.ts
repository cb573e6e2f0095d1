import { useResponseCache, type Cache, type CacheEntityRecord } from '@envelop/response-cache';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { getOperationAST, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Context, Viewer } from '../context.js';
import type { CacheEntity } from '../infra/cache/response-cache-invalidator.js';
import { responseKey } from '../infra/cache/response-key.js';
import type { ResponseStore } from '../infra/cache/response-store.js';

export interface ResponseCachePolicy {
  /** Milliseconds for responses no coordinate below speaks about. Never Infinity. */
  defaultTtlMs: number;
  /** Milliseconds per type ("Post") or field ("Query.posts"); a response lives as long as its shortest. */
  ttlMs: Record<string, number>;
  /** Coordinates whose data is the viewer's own: never cached without a session. */
  privateCoordinates: string[];
  /**
   * Fields whose results depend on which entities exist or are visible (lists, rankings), mapped to
   * the tags a response selecting them is indexed under; writes that change membership invalidate
   * the tag (e.g. `{ typename: 'Post' }`).
   */
  membershipTags: Record<string, string[]>;
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

/** Responses are shared by all anonymous callers and private to each signed-in one (see docs/caching). */
export function sessionOf(viewer: Viewer | null): string | null {
  if (!viewer) return null;
  return viewer.kind === 'user' ? `user:${viewer.userId}` : `service:${viewer.name}`;
}

type CacheContext = YogaInitialContext & Context & { req?: object };

export interface ResponseCachePluginOptions {
  store: ResponseStore;
  policy: ResponseCachePolicy;
  /** True when the HTTP fast path already looked this request's key up and missed. */
  alreadyMissed?: (serverRequest: object) => boolean;
}

/**
 * The response cache in the Yoga plugin list: @envelop/response-cache decides what to cache, for how
 * long and which entities a result contains; our ResponseStore keeps the serialised bytes (shared with
 * the HTTP fast path) in process and in Redis. Only queries are cached; writes invalidate explicitly
 * through `ResponseCacheInvalidator` so exactly the touched entities are evicted.
 */
export function useCachedResponses({ store, policy, alreadyMissed }: ResponseCachePluginOptions): Plugin<CacheContext> {
  const documents = new WeakMap<object, DocumentNode>();
  const tagsByDocument = new WeakMap<DocumentNode, string[]>();
  let schema: GraphQLSchema | undefined;

  function membershipTags(document: DocumentNode): string[] {
    let tags = tagsByDocument.get(document);
    if (tags || !schema) return tags ?? [];
    const found = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          for (const tag of (parent && policy.membershipTags[`${parent.name}.${node.name.value}`]) || []) found.add(tag);
        },
      }),
    );
    tagsByDocument.set(document, (tags = [...found]));
    return tags;
  }

  function cacheFor(ctx: CacheContext): Cache {
    const startedAt = Date.now();
    const skipLookup = ctx.req !== undefined && alreadyMissed?.(ctx.req) === true;
    return {
      async get(key) {
        const entry = skipLookup ? undefined : await store.get(key);
        store.recordLookup(entry !== undefined);
        return entry ? (JSON.parse(entry.body) as ExecutionResult) : null;
      },
      set(key, result, entities, ttl) {
        const document = documents.get(ctx);
        const keys = new Set([...entities].map(entityKey));
        for (const tag of document ? membershipTags(document) : []) keys.add(tag);
        const ttlMs = Number.isFinite(ttl) && ttl > 0 ? ttl : policy.defaultTtlMs;
        return store.set(key, { body: JSON.stringify(result), entities: [...keys], expiresAt: Date.now() + ttlMs }, startedAt);
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
    },
    onExecute({ args }) {
      documents.set(args.contextValue, args.document);
    },
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache<CacheContext>({
          session: (ctx) => sessionOf(ctx.viewer),
          enabled: isQuery,
          cache: (ctx) => cacheFor(ctx as CacheContext),
          ttl: policy.defaultTtlMs,
          ttlPerSchemaCoordinate: policy.ttlMs,
          scopePerSchemaCoordinate: Object.fromEntries(policy.privateCoordinates.map((c) => [c, 'PRIVATE' as const])),
          invalidateViaMutation: false,
          includeExtensionMetadata: false,
          getDocumentString: (args) => (args.contextValue as CacheContext).params?.query ?? '',
          buildResponseCacheKey: ({ documentString, variableValues, operationName, sessionId }) =>
            responseKey({ query: documentString, variables: variableValues, operationName, session: sessionId }),
          shouldCacheResult: ({ result }) => !result.errors?.length && result.data != null,
        }),
      );
    },
  };
}
