import type { S3Client } from '@aws-sdk/client-s3';
import { assertStorageKey, type MediaStorage, SIGNED_URL_TTL_SECONDS } from './media-storage.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** Any S3-compatible server; unset: AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's default chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The AWS SDK, loaded on the first call to the bucket rather than at start: it holds about 30 MB resident. */
async function loadSdk() {
  const [client, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  return { ...client, getSignedUrl: presigner.getSignedUrl };
}

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

const isMissing = ({ NoSuchKey, NotFound }: Sdk, error: unknown) =>
  error instanceof NoSuchKey || error instanceof NotFound || (error as { name?: string }).name === 'NotFound';

/** Media in an S3-compatible bucket through the AWS SDK v3; clients read and upload through presigned URLs. */
export function createS3Storage(settings: S3Settings): MediaStorage & { close(): void } {
  let client: S3Client | undefined;
  let loading: Promise<{ sdk: Sdk; s3: S3Client }> | undefined;
  const connect = () =>
    (loading ??= loadSdk().then((sdk) => {
      client = new sdk.S3Client({
        region: settings.region,
        ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
        // Checksums only where S3 demands them: a presigned PUT then carries no checksum the browser must compute,
        // and S3-compatible servers that do not know the newer checksum headers accept the requests.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { sdk, s3: client };
    }));
  const Bucket = settings.bucket;

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      const { sdk, s3 } = await connect();
      await s3.send(new sdk.PutObjectCommand({ Bucket, Key: assertStorageKey(key), Body: bytes, ContentType: contentType }));
    },
    async read(key, maxBytes) {
      const { sdk, s3 } = await connect();
      try {
        const head = await s3.send(new sdk.HeadObjectCommand({ Bucket, Key: assertStorageKey(key) }));
        if ((head.ContentLength ?? 0) > maxBytes) return 'too_large';
        const object = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        if (isMissing(sdk, error)) return undefined;
        throw error;
      }
    },
    async delete(keys) {
      const { sdk, s3 } = await connect();
      for (const key of keys) await s3.send(new sdk.DeleteObjectCommand({ Bucket, Key: assertStorageKey(key) }));
    },
    async readUrl(key) {
      const { sdk, s3 } = await connect();
      return sdk.getSignedUrl(s3, new sdk.GetObjectCommand({ Bucket, Key: assertStorageKey(key) }), { expiresIn: SIGNED_URL_TTL_SECONDS });
    },
    async uploadTarget(key, contentType, bytes) {
      const { sdk, s3 } = await connect();
      const command = new sdk.PutObjectCommand({ Bucket, Key: assertStorageKey(key), ContentType: contentType, ContentLength: bytes });
      const url = await sdk.getSignedUrl(s3, command, { expiresIn: SIGNED_URL_TTL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) });
      return { url, headers: { 'content-type': contentType }, expiresAt: new Date(Date.now() + SIGNED_URL_TTL_SECONDS * 1000) };
    },
    close: () => client?.destroy(),
  };
}
