import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { Config } from '../../config.js';

/** The manifest maps sha256 hashes of operation documents to the documents (`npm run persisted:manifest`). */
async function loadManifest(path: string): Promise<Record<string, string>> {
  const manifest: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!manifest || typeof manifest !== 'object' || Object.values(manifest).some((v) => typeof v !== 'string')) {
    throw new Error(`${path}: expected a JSON object of { "<sha256>": "<operation document>" }`);
  }
  return manifest as Record<string, string>;
}

/**
 * The hash a client names its operation by: Apollo's `extensions.persistedQuery.sha256Hash`, or a
 * GraphQL-over-HTTP `documentId` (in the body or the URL), bare or as "sha256:<hash>".
 */
function persistedOperationId(params: GraphQLParams & { documentId?: unknown }, request: Request): string | null {
  const apollo: unknown = params.extensions?.persistedQuery;
  if (apollo && typeof apollo === 'object' && typeof (apollo as { sha256Hash?: unknown }).sha256Hash === 'string') {
    return (apollo as { sha256Hash: string }).sha256Hash;
  }
  const documentId = params.documentId ?? new URL(request.url).searchParams.get('documentId');
  return typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : null;
}

/**
 * Persisted operations, named by hash (see `persistedOperationId`).
 * `allow`: clients may send a hash instead of the document, and arbitrary documents still run.
 * `require`: only operations in the manifest run (an allow-list for production clients).
 */
export async function usePersistedOperationsFromConfig(settings: Config['persistedOperations']): Promise<Plugin[]> {
  if (settings.mode === 'off') return [];
  const manifest = await loadManifest(settings.manifestPath);
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => (Object.hasOwn(manifest, hash) ? manifest[hash]! : null),
      extractPersistedOperationId: persistedOperationId,
      allowArbitraryOperations: settings.mode === 'allow',
      customErrors: {
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
        persistedQueryOnly: {
          message: 'Only persisted operations are accepted here.',
          extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
        },
        keyNotFound: {
          message: "Send the operation's hash as extensions.persistedQuery.sha256Hash or documentId.",
          extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
        },
      },
    }),
  ];
}
