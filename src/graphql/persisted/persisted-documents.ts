import { createHash } from 'node:crypto';
import type { GraphQLParams } from '../../server-context.js';
import type { ApqStore } from './apq-store.js';
import { hashOf } from './manifest-file.js';

export type PersistedMode = 'off' | 'allow' | 'require';

/** How a request's document was settled: the text to run, or the typed refusal. */
export type Resolution =
  | { document: string | undefined }
  | {
      refusal:
        | 'PERSISTED_QUERY_NOT_SUPPORTED'
        | 'PERSISTED_QUERY_NOT_FOUND'
        | 'PERSISTED_QUERY_REQUIRED'
        | 'PERSISTED_QUERY_ID_REQUIRED'
        | 'PERSISTED_QUERY_HASH_MISMATCH';
    };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The id a client names its document by: Apollo's and urql's `extensions.persistedQuery.sha256Hash`
 * (automatic persisted queries), or GraphQL over HTTP's `documentId`, bare or as "sha256:<hex>".
 */
function documentIdOf(params: GraphQLParams & { documentId?: unknown }): string | undefined {
  const apq = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  if (typeof apq?.sha256Hash === 'string') return hashOf(apq.sha256Hash);
  return typeof params.documentId === 'string' ? hashOf(params.documentId) : undefined;
}

/**
 * Persisted documents, by mode:
 * - off: documents are sent as text; a request naming one only by hash gets PERSISTED_QUERY_NOT_SUPPORTED
 *   (Apollo's and urql's clients then send the text and stop hashing);
 * - allow: the client build's manifest and automatic persisted queries: an unknown hash gets
 *   PERSISTED_QUERY_NOT_FOUND, after which the client sends text and hash together, and the text is
 *   registered (shared across instances) once its sha256 is checked; any text still runs;
 * - require: only the manifest's documents run (the client build's allow-list); text is refused.
 */
export function createPersistedDocuments(mode: PersistedMode, manifest: ReadonlyMap<string, string>, store: ApqStore) {
  return {
    async resolve(params: GraphQLParams): Promise<Resolution> {
      const id = documentIdOf(params);
      const text = typeof params.query === 'string' && params.query ? params.query : undefined;
      if (mode === 'off') return id && !text ? { refusal: 'PERSISTED_QUERY_NOT_SUPPORTED' } : { document: text };
      if (mode === 'require') {
        if (!id) return { refusal: text ? 'PERSISTED_QUERY_REQUIRED' : 'PERSISTED_QUERY_ID_REQUIRED' };
        const listed = manifest.get(id);
        return listed ? { document: listed } : { refusal: 'PERSISTED_QUERY_NOT_FOUND' };
      }
      if (!id) return { document: text };
      const known = manifest.get(id) ?? (await store.get(id));
      if (known) return { document: known };
      if (!text) return { refusal: 'PERSISTED_QUERY_NOT_FOUND' };
      if (sha256(text) !== id) return { refusal: 'PERSISTED_QUERY_HASH_MISMATCH' };
      await store.set(id, text);
      return { document: text };
    },
  };
}

export type PersistedDocuments = ReturnType<typeof createPersistedDocuments>;
