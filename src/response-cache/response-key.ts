import { createHash } from 'node:crypto';
import { type CanonicalArguments, createVariableCanonicalizer } from './canonical-variables.js';

export interface ResponseKeyInput {
  /** The document exactly as the client sent it. */
  query: string;
  variables?: unknown;
  operationName?: string | null;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` variables share a cache entry. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The one cache key function, used by the GraphQL plugin when it stores a result and by the HTTP
 * fast path when it looks one up from the raw request, so both agree byte for byte. This is the key
 * every caller shares; `ownKey` derives a caller's own from it.
 */
function responseKey({ query, variables, operationName }: ResponseKeyInput): string {
  return createHash('sha256')
    .update(`${query}|${operationName ?? ''}|${stableJson(variables ?? {})}`)
    .digest('base64url');
}

/** The key of one caller's own answer (`session`, or every anonymous caller together) to a request. */
export function ownKey(sharedKey: string, session: string | null): string {
  return `${sharedKey}~${session ?? 'anonymous'}`;
}

/** `responseKey` with the variables canonicalized first (see `createVariableCanonicalizer`): what the plugin and the fast path both use. */
export function createResponseKeyer(canonical: CanonicalArguments): (input: ResponseKeyInput) => string {
  const canonicalize = createVariableCanonicalizer(canonical);
  return (input) => responseKey({ ...input, variables: canonicalize(input.query, input.variables) });
}
