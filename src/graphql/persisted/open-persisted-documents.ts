import type { Config } from '../../config.js';
import type { Logger } from '../../infra/logger.js';
import type { RedisConnections } from '../../infra/redis.js';
import type { GraphQLParams } from '../../server-context.js';
import { createApqStore } from './apq-store.js';
import { loadManifest } from './manifest-file.js';
import { createPersistedDocuments } from './persisted-documents.js';

/**
 * Persisted documents as configured: the manifest (required in `require` mode, optional in `allow`,
 * where automatic persisted queries may be all a deployment uses) and the shared registration store.
 */
export async function openPersistedDocuments(settings: Config['persistedOperations'], redis: RedisConnections | undefined, logger: Logger) {
  const manifest =
    settings.mode === 'off'
      ? new Map<string, string>()
      : await loadManifest(settings.manifestPath).catch((error: NodeJS.ErrnoException) => {
          if (settings.mode === 'allow' && error.code === 'ENOENT') {
            logger.info({ manifest: settings.manifestPath }, 'no persisted-operations manifest: automatic persisted queries only');
            return new Map<string, string>();
          }
          throw error;
        });
  const store = createApqStore(settings.mode === 'allow' && redis ? { client: redis.open('persisted-queries'), prefix: redis.config.prefix } : undefined);
  const documents = createPersistedDocuments(settings.mode, manifest, store);
  return {
    documents,
    /** The document a request runs, for the response cache's key; undefined when it would be refused. */
    async documentOf(params: GraphQLParams): Promise<string | undefined> {
      const resolution = await documents.resolve(params);
      return 'document' in resolution ? resolution.document : undefined;
    },
  };
}
