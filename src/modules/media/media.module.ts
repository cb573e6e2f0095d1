import { createLocalStorage, type LocalMediaStorage } from '../../infra/storage/local-storage.js';
import { createS3Storage } from '../../infra/storage/s3-storage.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createMediaService } from './media.service.js';

/** Uploaded images and documents: their storage (a directory, or a bucket with MEDIA_S3_BUCKET), checks and thumbnails. */
/** How often abandoned two-step uploads are swept (every API process; the deletes are idempotent). */
const SWEEP_INTERVAL_MS = 5 * 60_000;

export function createMediaModule({ config, db, metrics, logger, role }: ModuleDeps) {
  const log = logger.child({ module: 'media' });
  const s3 = config.media.s3 ? createS3Storage(config.media.s3) : undefined;
  // Local storage's signed URLs are routes on the API's own server (see src/http/media-routes.ts).
  const localMedia: LocalMediaStorage | undefined = s3 ? undefined : createLocalStorage(config.media.dir, config.auth.secretKey);
  const storage = s3 ?? localMedia!;
  const media = createMediaService({ prisma: db.prisma, storage, quotaBytes: config.media.quotaBytes, metrics, logger: log });
  let timer: NodeJS.Timeout | undefined;
  const sweep = () =>
    media
      .sweepAbandoned()
      .then((count) => count && log.info({ count }, 'deleted abandoned two-step uploads'))
      .catch((error: unknown) => log.warn({ err: error }, 'could not sweep abandoned two-step uploads'));
  return {
    services: { media, localMedia },
    background:
      role === 'api'
        ? {
            start() {
              timer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS).unref();
            },
            stop() {
              clearInterval(timer);
            },
          }
        : undefined,
    close: async () => s3?.close(),
  } satisfies Module<object>;
}
