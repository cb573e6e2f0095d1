import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertStorageKey, type MediaStorage, SIGNED_URL_TTL_SECONDS } from './media-storage.js';

/** The API's own routes that stand in for a bucket's signed URLs when media is stored locally. */
export const LOCAL_UPLOAD_PATH = '/media/upload';
export const LOCAL_FILE_PATH = '/media/file';

/** What a verified signed URL grants. */
export interface SignedGrant {
  key: string;
  /** For an upload: the content type and exact size the PUT must have. */
  contentType: string;
  bytes: number;
}

export interface LocalMediaStorage extends MediaStorage {
  readonly kind: 'local';
  /** The grant a signed URL's query carries, or why not: its signature is wrong or it expired. */
  verify(action: 'upload' | 'read', query: URLSearchParams, now?: number): SignedGrant | 'invalid' | 'expired';
  /** The file holding `key`, for streaming it out. */
  pathOf(key: string): string;
}

/**
 * Media in a directory (under DATA_DIR by default). Reads and two-step uploads go through signed,
 * expiring routes on the API's own server (HMAC-SHA256 with SECRET_KEY), so clients use one code path
 * for this and for a bucket's presigned URLs.
 */
export function createLocalStorage(root: string, secret: string): LocalMediaStorage {
  const pathOf = (key: string) => join(root, assertStorageKey(key));
  const sign = (action: string, key: string, contentType: string, bytes: number, expires: number) =>
    createHmac('sha256', secret).update(`media:${action}\n${key}\n${contentType}\n${bytes}\n${expires}`).digest('base64url');
  const signedQuery = (action: 'upload' | 'read', key: string, contentType = '', bytes = 0) => {
    const expires = Math.floor(Date.now() / 1000) + SIGNED_URL_TTL_SECONDS;
    const query = new URLSearchParams({ key, ...(action === 'upload' ? { type: contentType, bytes: String(bytes) } : {}), expires: String(expires) });
    query.set('signature', sign(action, key, contentType, bytes, expires));
    return { query, expires };
  };

  return {
    kind: 'local',
    pathOf,
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half a file, a failed write leaves none.
      const partial = `${path}.partial-${process.pid}-${Date.now()}`;
      try {
        await writeFile(partial, bytes);
        await rename(partial, path);
      } finally {
        await rm(partial, { force: true });
      }
    },
    async read(key, maxBytes) {
      const path = pathOf(key);
      const found = await stat(path).catch(() => undefined);
      if (!found?.isFile()) return undefined;
      if (found.size > maxBytes) return 'too_large';
      return readFile(path);
    },
    async delete(keys) {
      for (const key of keys) await rm(pathOf(key), { force: true });
    },
    async readUrl(key) {
      return `${LOCAL_FILE_PATH}?${signedQuery('read', assertStorageKey(key)).query}`;
    },
    async uploadTarget(key, contentType, bytes) {
      const { query, expires } = signedQuery('upload', assertStorageKey(key), contentType, bytes);
      return { url: `${LOCAL_UPLOAD_PATH}?${query}`, headers: { 'content-type': contentType }, expiresAt: new Date(expires * 1000) };
    },
    verify(action, query, now = Date.now()) {
      const key = query.get('key') ?? '';
      const contentType = action === 'upload' ? (query.get('type') ?? '') : '';
      const bytes = action === 'upload' ? Number(query.get('bytes')) : 0;
      const expires = Number(query.get('expires'));
      const given = Buffer.from(query.get('signature') ?? '');
      const expected = Buffer.from(sign(action, key, contentType, bytes, expires));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      if (!Number.isInteger(expires) || expires * 1000 < now) return 'expired';
      return { key: assertStorageKey(key), contentType, bytes };
    },
  };
}
