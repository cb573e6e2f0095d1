import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';

/** The manifest maps sha256 hashes of operation documents to the documents (see scripts/persisted-operations.ts). */
export async function loadManifest(path: string): Promise<Record<string, string>> {
  const manifest: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!manifest || typeof manifest !== 'object' || Object.values(manifest).some((v) => typeof v !== 'string')) {
    throw new Error(`${path}: expected a JSON object of { "<sha256>": "<operation document>" }`);
  }
  return manifest as Record<string, string>;
}

/**
 * Persisted operations (`extensions.persistedQuery.sha256Hash`, as Apollo clients send them).
 * `allow`: clients may send a hash instead of the document, and arbitrary documents still run.
 * `require`: only operations in the manifest run (an allow-list for production clients).
 */
export async function usePersistedOperationsFromConfig(settings: Config['persistedOperations']): Promise<Plugin[]> {
  if (settings.mode === 'off') return [];
  const manifest = await loadManifest(settings.manifestPath);
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => manifest[hash] ?? null,
      allowArbitraryOperations: settings.mode === 'allow',
      customErrors: {
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
        persistedQueryOnly: {
          message: 'Only persisted operations are accepted here.',
          extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
        },
        keyNotFound: { message: 'The persisted operation hash is missing.', extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
      },
    }),
  ];
}
