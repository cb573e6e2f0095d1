import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { int, type ParsedEnv, url } from './parsers.js';
import type { storageEnv } from './storage.config.js';

/** Where uploaded media is stored (a directory, or an S3-compatible bucket) and how much of it. */
export const mediaEnv = {
  MEDIA_DIR: z.string().optional(),
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_ENDPOINT: url(['http:', 'https:']),
  MEDIA_S3_REGION: z.string().default('us-east-1'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
  MEDIA_MAX_UPLOAD_BYTES: int(20 * 1024 * 1024, 1024, 1_000_000_000),
  MEDIA_QUOTA_BYTES: int(1024 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER),
};

type MediaEnv = ParsedEnv<typeof mediaEnv> & Pick<ParsedEnv<typeof storageEnv>, 'DATA_DIR'>;

export function mediaConfig(e: MediaEnv, problems: string[]) {
  if (Boolean(e.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(e.MEDIA_S3_SECRET_ACCESS_KEY)) {
    problems.push('MEDIA_S3_ACCESS_KEY_ID, MEDIA_S3_SECRET_ACCESS_KEY: set both or neither (neither: the AWS SDK finds credentials itself)');
  }
  if (!e.MEDIA_S3_BUCKET && e.MEDIA_S3_ENDPOINT) problems.push('MEDIA_S3_ENDPOINT: needs MEDIA_S3_BUCKET');
  return {
    /** Where media is stored without a bucket; the embedded in-memory database keeps it in a temporary directory. */
    dir: e.MEDIA_DIR ?? (e.DATA_DIR.startsWith('memory://') ? join(tmpdir(), 'lpa-media') : join(e.DATA_DIR, 'media')),
    s3: e.MEDIA_S3_BUCKET
      ? {
          bucket: e.MEDIA_S3_BUCKET,
          region: e.MEDIA_S3_REGION,
          endpoint: e.MEDIA_S3_ENDPOINT,
          credentials:
            e.MEDIA_S3_ACCESS_KEY_ID && e.MEDIA_S3_SECRET_ACCESS_KEY
              ? { accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY }
              : undefined,
        }
      : undefined,
    /** The largest multipart request (a GraphQL upload) the edge reads; bigger files take the two-step upload. */
    maxUploadBytes: e.MEDIA_MAX_UPLOAD_BYTES,
    /** Bytes one user's media may take. */
    quotaBytes: e.MEDIA_QUOTA_BYTES,
  };
}
