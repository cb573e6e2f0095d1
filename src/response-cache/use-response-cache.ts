import { type Cache, type CacheEntityRecord, useResponseCache } from '@envelop/response-cache';
import { type DocumentNode, type GraphQLSchema, getOperationAST, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { EdgeRequest, ServerContext } from '../server-context.js';
import { asksForIncrementalDelivery } from '../shared/incremental-delivery.js';
import { type Viewer, viewerUserId } from '../shared/viewer.js';
import { entityKey, membershipsOf, ownedBy } from './invalidator.js';
import { withKnownBody } from './known-body.js';
import type { ResponseCachePolicy } from './policy.js';
import { ownKey, type ResponseKeyInput } from './response-key.js';
import { type ResponseScope, responseScopeOf, sessionOf } from './response-scope.js';
import type { ResponseStore } from './response-store.js';
import { carriesCacheMetadata, collectResultEntities, type FieldTypes, fieldTypesOf, type ResultEntities, withoutLibraryWalk } from './result-entities.js';

/** `ttlMs` less a random part of up to `jitter` of it, in whole milliseconds. */
export function shortenedAtRandom(ttlMs: number, jitter: number, random: () => number = Math.random): number {
  return Math.round(ttlMs * (1 - jitter * random()));
}

type CacheContext = YogaInitialContext & Partial<ServerContext> & { viewer: Viewer | null };

export interface ResponseCachePluginOptions {
  store: ResponseStore;
  policy: ResponseCachePolicy;
  /** The shared key of a request: the edge's look-up computed it already for requests it missed. */
  keyOf(input: ResponseKeyInput, edge: EdgeRequest | undefined): string;
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

/** Who a shared answer must not be served to: sessions whose own answer differs, and members of workspaces whose answer does. */
function exceptionsOf(scope: ResponseScope): { except?: string[]; exceptMembersOf?: string[] } {
  return {
    ...(scope.differsFor.size ? { except: [...scope.differsFor] } : {}),
    ...(scope.differsForMembersOf.size ? { exceptMembersOf: [...scope.differsForMembersOf] } : {}),
  };
}

const isNullLookup = (value: unknown) => value === null || (Array.isArray(value) && value.includes(null));

/**
 * The response cache's part in the Yoga plugin list: it stores what executed queries answer (the
 * edge looks answers up before GraphQL runs, so nothing here reads the cache).
 * @envelop/response-cache decides what to cache, for how long and which entities a result contains;
 * our ResponseStore keeps the serialised bytes in process and in Redis. Only queries are cached;
 * writes invalidate explicitly through `ResponseCacheInvalidator` so exactly the touched entities are evicted.
 *
 * An answer nobody would get differently is stored under the request's shared key, for every caller;
 * one that selects a private coordinate, or that a resolver marked as the caller's own (see
 * `ResponseScope`), under the caller's own key. A shared answer lists the sessions it must not be
 * served to (the owners of unpublished data it leaves out). Look-ups try the shared key, then the own.
 */
export function useCachedResponses({ store, policy, keyOf }: ResponseCachePluginOptions): Plugin<CacheContext> {
  const documents = new WeakMap<object, DocumentNode>();
  const collected = new WeakMap<object, ResultEntities>();
  const factsByDocument = new WeakMap<DocumentNode, DocumentFacts>();
  const privateCoordinates = new Set(policy.privateCoordinates);
  const nullIsOwnAnswer = new Set(policy.nullIsOwnAnswer);
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
      // The edge looked the answer up (and missed) before GraphQL ran.
      get: () => null,
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
        // What a caller's own answer shows (a workspace's draft, its comments) or leaves out follows their memberships:
        // joining or leaving a workspace evicts it, so a removed member is not served a draft they saw as a member.
        if (own && userId) keys.add(entityKey(membershipsOf(userId)));
        const policyTtlMs = Number.isFinite(ttl) && ttl > 0 ? ttl : policy.defaultTtlMs;
        if (ctx.edge) ctx.edge.note.cacheHint = { maxAgeMs: policyTtlMs };
        const ttlMs = shortenedAtRandom(policyTtlMs, policy.ttlJitter);
        const except = own ? {} : exceptionsOf(scope);
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
    // Without the raw text (a persisted operation sent by hash) there is no key to share with the edge.
    if (document === undefined || typeof ctx.params?.query !== 'string') return false;
    // An answer in parts is for fields slow enough to be worth waiting for separately; it is not stored.
    if (asksForIncrementalDelivery(document)) return false;
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
          buildResponseCacheKey: ({ documentString, variableValues, operationName, context }) =>
            keyOf({ query: documentString, variables: variableValues, operationName }, (context as CacheContext).edge),
          shouldCacheResult: ({ result }) => !result.errors?.length && result.data != null,
        }),
      );
    },
  };
}
