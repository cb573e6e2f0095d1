import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertStorageKey, type MediaStorage, SIGNED_URL_TTL_SECONDS } from './media-storage.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** Any S3-compatible server; unset: AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's default chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const isMissing = (error: unknown) => error instanceof NoSuchKey || error instanceof NotFound || (error as { name?: string }).name === 'NotFound';

/** Media in an S3-compatible bucket through the AWS SDK v3; clients read and upload through presigned URLs. */
export function createS3Storage(settings: S3Settings): MediaStorage & { close(): void } {
  const s3 = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Checksums only where S3 demands them: a presigned PUT then carries no checksum the browser must compute,
    // and S3-compatible servers that do not know the newer checksum headers accept the requests.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      await s3.send(new PutObjectCommand({ Bucket, Key: assertStorageKey(key), Body: bytes, ContentType: contentType }));
    },
    async read(key, maxBytes) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket, Key: assertStorageKey(key) }));
        if ((head.ContentLength ?? 0) > maxBytes) return 'too_large';
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(keys) {
      for (const key of keys) await s3.send(new DeleteObjectCommand({ Bucket, Key: assertStorageKey(key) }));
    },
    readUrl: (key) => getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: assertStorageKey(key) }), { expiresIn: SIGNED_URL_TTL_SECONDS }),
    async uploadTarget(key, contentType, bytes) {
      const command = new PutObjectCommand({ Bucket, Key: assertStorageKey(key), ContentType: contentType, ContentLength: bytes });
      const url = await getSignedUrl(s3, command, { expiresIn: SIGNED_URL_TTL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) });
      return { url, headers: { 'content-type': contentType }, expiresAt: new Date(Date.now() + SIGNED_URL_TTL_SECONDS * 1000) };
    },
    close: () => s3.destroy(),
  };
}
