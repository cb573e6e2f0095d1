/** Where a client sends an upload's bytes itself (a two-step upload): a PUT of exactly `bytes` bytes. */
export interface UploadTarget {
  url: string;
  /** Headers the PUT must carry (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * The one interface to where media bytes live: a local directory (the embedded default) or an
 * S3-compatible bucket. Keys are paths of lowercase letters, digits, dots, dashes and slashes.
 */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes; undefined when nothing is stored under `key`, 'too_large' when over `maxBytes` (not read). */
  read(key: string, maxBytes: number): Promise<Buffer | 'too_large' | undefined>;
  /** Deletes what is stored under each key; a missing one is no error. */
  delete(keys: readonly string[]): Promise<void>;
  /** A signed, expiring URL to read the object: absolute for S3, relative to the API's origin for local storage. */
  readUrl(key: string): Promise<string>;
  /** A signed, expiring URL a client PUTs `bytes` bytes of `contentType` to. */
  uploadTarget(key: string, contentType: string, bytes: number): Promise<UploadTarget>;
}

/** How long signed read and upload URLs stay valid. */
export const SIGNED_URL_TTL_SECONDS = 15 * 60;

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/** Keys are made by the service, never by clients; this guards the local directory against a path escaping it. */
export function assertStorageKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
  return key;
}
