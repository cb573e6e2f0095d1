import { type GraphQLSchema, isObjectType } from 'graphql';
import type { ArgumentCanonicalizer, CanonicalArguments } from './canonical-variables.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/**
 * What a type or field declares about caching, as `extensions: { cache: { … } satisfies CachePolicy }`.
 * Writes invalidate precisely (see the invalidator), so TTLs (plus the grace) only bound staleness
 * after changes that bypass the API: short where data moves fast, longer where it is stable.
 */
export interface CachePolicy {
  /** How long an answer holding it may be served; an answer lives as long as its shortest. 0: never cached. */
  ttlMs?: number;
  /** The viewer's own data: never cached without a session, never shared between callers. */
  private?: boolean;
  /**
   * For lists and rankings: the tags an answer selecting it is indexed under, because its result
   * depends on which entities exist or are visible; writes that change membership invalidate them.
   */
  membership?: readonly string[];
  /** A root look-up whose null answer may hide something another caller can see (someone's draft). */
  nullIsOwnAnswer?: boolean;
}

/** What an argument declares: equivalent values share one cached answer (`extensions: { cache: { canonical } }`). */
export interface ArgumentCachePolicy {
  canonical: ArgumentCanonicalizer;
}

export interface ResponseCachePolicy {
  /** Milliseconds for responses no type or field speaks about. Never Infinity. */
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
  /** Milliseconds per type ("Post") or field ("Query.posts"). */
  ttlMs: Record<string, number>;
  /** Types and field coordinates whose data is the viewer's own. */
  privateCoordinates: string[];
  /** Root look-ups ("Query.post") whose null answer is the caller's own. */
  nullIsOwnAnswer: string[];
  /** Field coordinate → membership tags. */
  membershipTags: Record<string, readonly string[]>;
  /** Root-field arguments ("searchPosts.query") whose equivalent values share one cached answer. */
  canonicalArguments: CanonicalArguments;
}

/** The feature's own settings, the same for every schema. */
const DEFAULTS = {
  defaultTtlMs: MINUTE,
  // Hot answers are refreshed in the background by their first reader past the TTL instead of expiring
  // under everyone's feet; an answer read less than once per TTL + grace still expires.
  graceMs: 30 * SECOND,
  // Up to 10% shorter at random: the first feed pages, warmed in the same second, then go stale over 3 s, not at once.
  ttlJitter: 0.1,
};

const policyOf = (extensions: Readonly<Record<string, unknown>> | null | undefined) => extensions?.cache as CachePolicy | undefined;

/**
 * The policy the schema declares on its types, fields and root-field arguments, collected once at
 * start (no central table: each module says what its own data may do in the cache).
 */
export function collectCachePolicy(schema: GraphQLSchema): ResponseCachePolicy {
  const policy: ResponseCachePolicy = {
    ...DEFAULTS,
    ttlMs: {},
    privateCoordinates: [],
    nullIsOwnAnswer: [],
    membershipTags: {},
    canonicalArguments: {},
  };
  const note = (coordinate: string, declared: CachePolicy | undefined) => {
    if (!declared) return;
    if (declared.ttlMs !== undefined) policy.ttlMs[coordinate] = declared.ttlMs;
    if (declared.private) policy.privateCoordinates.push(coordinate);
    if (declared.nullIsOwnAnswer) policy.nullIsOwnAnswer.push(coordinate);
    if (declared.membership?.length) policy.membershipTags[coordinate] = declared.membership;
  };
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    note(type.name, policyOf(type.extensions));
    for (const field of Object.values(type.getFields())) {
      note(`${type.name}.${field.name}`, policyOf(field.extensions));
      if (!roots.has(type)) continue;
      for (const argument of field.args) {
        const declared = argument.extensions?.cache as ArgumentCachePolicy | undefined;
        if (declared?.canonical) (policy.canonicalArguments as Record<string, ArgumentCanonicalizer>)[`${field.name}.${argument.name}`] = declared.canonical;
      }
    }
  }
  return policy;
}
