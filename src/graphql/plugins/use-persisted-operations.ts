import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { httpStatus } from '../http-status.js';
import type { PersistedDocuments, Resolution } from '../persisted/persisted-documents.js';

type Refusal = Extract<Resolution, { refusal: string }>['refusal'];

/** The messages Apollo's persisted-query link and urql's persisted exchange recognise, besides the codes. */
const MESSAGES: Record<Refusal, string> = {
  PERSISTED_QUERY_NOT_SUPPORTED: 'PersistedQueryNotSupported',
  PERSISTED_QUERY_NOT_FOUND: 'PersistedQueryNotFound',
  PERSISTED_QUERY_REQUIRED: 'Only persisted operations are accepted here.',
  PERSISTED_QUERY_ID_REQUIRED: "Send the operation's hash as extensions.persistedQuery.sha256Hash or documentId.",
  PERSISTED_QUERY_HASH_MISMATCH: 'The query does not hash to the sha256Hash sent with it.',
};

/** Settles each request's document (see createPersistedDocuments) before Yoga parses it. */
export function usePersistedOperations(documents: PersistedDocuments): Plugin {
  return {
    async onParams({ params, setParams }) {
      const resolution = await documents.resolve(params);
      if ('refusal' in resolution) {
        throw createGraphQLError(MESSAGES[resolution.refusal], { extensions: { code: resolution.refusal, http: httpStatus(400) } });
      }
      if (resolution.document !== params.query) setParams({ ...params, query: resolution.document });
    },
  };
}
