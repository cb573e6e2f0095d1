import { readFile } from 'node:fs/promises';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** A document id as clients send it: bare hex, or "sha256:<hex>" (GraphQL Code Generator, GraphQL over HTTP). */
export const hashOf = (id: string): string => id.replace(/^sha256:/, '').toLowerCase();

interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  operations: { id: string; body: string }[];
}

const isApolloManifest = (value: unknown): value is ApolloManifest =>
  typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'apollo-persisted-query-manifest';

/**
 * The persisted operations a client build produced, by sha256 of their document, from either format:
 * `{ "<sha256>" or "sha256:<sha256>": "<document>" }` (this repo's `npm run persisted:manifest`, GraphQL
 * Code Generator's client preset `persisted-documents.json`) or Apollo's
 * `{ "format": "apollo-persisted-query-manifest", "operations": [{ "id", "body" }] }`.
 */
export async function loadManifest(path: string): Promise<ReadonlyMap<string, string>> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  const entries = isApolloManifest(parsed)
    ? parsed.operations.map((operation) => [operation.id, operation.body] as const)
    : Object.entries((parsed ?? {}) as Record<string, unknown>);
  const manifest = new Map<string, string>();
  for (const [id, document] of entries) {
    if (typeof document !== 'string' || !HEX_SHA256.test(hashOf(String(id)))) {
      throw new Error(`${path}: expected { "<sha256>": "<operation document>" } or an Apollo persisted query manifest; "${String(id).slice(0, 80)}" is not`);
    }
    manifest.set(hashOf(String(id)), document);
  }
  return manifest;
}
