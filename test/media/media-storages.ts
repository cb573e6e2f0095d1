import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import { filesUnder } from './upload-client.js';

const BUCKET = 'media';
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A storage a test app can keep media in: the environment that selects it, and the keys it holds. */
export interface TestStorage {
  env(): Record<string, string>;
  stored(): Promise<string[]>;
}

/**
 * Both media storages, for a test file to run against each: a local directory, and a local
 * S3-compatible server (s3rver on a spare port) with one bucket, each in a temporary directory of the
 * test's. Call it at the top of the file: it starts them before the file's tests and removes them after.
 */
export function mediaStorages(name: string) {
  let s3rver: S3rver | undefined;
  let s3: S3Client | undefined;
  let endpoint = '';
  let s3Dir = '';
  let mediaDir = '';

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'lpa-s3rver-'));
    mediaDir = await mkdtemp(join(tmpdir(), `lpa-media-${name}-`));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir });
    const { port } = await server.run();
    s3rver = server;
    endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({ endpoint, region: 'eu-west-1', forcePathStyle: true, credentials: KEYS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  afterAll(async () => {
    s3?.destroy();
    await s3rver?.close();
    await rm(s3Dir, { recursive: true, force: true });
    await rm(mediaDir, { recursive: true, force: true });
  });

  const local: TestStorage = { env: () => ({ MEDIA_DIR: mediaDir }), stored: () => filesUnder(mediaDir) };
  const s3Storage: TestStorage = {
    env: () => ({
      MEDIA_S3_BUCKET: BUCKET,
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_REGION: 'eu-west-1',
      MEDIA_S3_ACCESS_KEY_ID: KEYS.accessKeyId,
      MEDIA_S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    }),
    stored: async () => ((await s3!.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((object) => object.Key!).sort(),
  };
  return {
    local,
    s3: s3Storage,
    /** The local storage's directory. */
    mediaDir: () => mediaDir,
    /** Stops the S3 server: the bucket goes away altogether. */
    async stopS3() {
      const server = s3rver;
      s3rver = undefined;
      await server?.close();
    },
  };
}
