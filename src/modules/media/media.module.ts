import { createLocalStorage, type LocalMediaStorage } from '../../infra/storage/local-storage.js';
import { createS3Storage } from '../../infra/storage/s3-storage.js';
import type { Module, ModuleDeps } from '../module.types.js';
import { createMediaService } from './media.service.js';

/** Uploaded images and documents: their storage (a directory, or a bucket with MEDIA_S3_BUCKET), checks and thumbnails. */
export function createMediaModule({ config, db, metrics, logger }: ModuleDeps) {
  const s3 = config.media.s3 ? createS3Storage(config.media.s3) : undefined;
  // Local storage's signed URLs are routes on the API's own server (see src/http/media-routes.ts).
  const localMedia: LocalMediaStorage | undefined = s3 ? undefined : createLocalStorage(config.media.dir, config.auth.secretKey);
  const storage = s3 ?? localMedia!;
  return {
    services: {
      media: createMediaService({ prisma: db.prisma, storage, quotaBytes: config.media.quotaBytes, metrics, logger: logger.child({ module: 'media' }) }),
      localMedia,
    },
    close: async () => s3?.close(),
  } satisfies Module<object>;
}
