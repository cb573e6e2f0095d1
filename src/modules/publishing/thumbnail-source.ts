import { addressPolicy } from '../../infra/guarded-fetch/address-policy.js';
import { GuardedFetchError, guardedFetch } from '../../infra/guarded-fetch/guarded-fetch.js';
import type { AssetBytes } from './linkedin-assets.js';

/** The image types LinkedIn's Images API takes. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif']);
/** Far above any thumbnail a page declares; a bigger file is refused, not read on. */
const THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Article thumbnails for publishing, fetched from the URL the page declared under the same rules as
 * the page itself (the same address policy, redirects re-checked, size and time limits).
 */
export function createThumbnailSource(options: { allowedCidrs: readonly string[]; timeoutMs: number }) {
  const limits = {
    policy: addressPolicy(options.allowedCidrs),
    connectTimeoutMs: Math.ceil(options.timeoutMs / 3),
    totalTimeoutMs: options.timeoutMs,
    maxBytes: THUMBNAIL_MAX_BYTES,
    maxRedirects: 3,
  };
  return async function fetchThumbnail(url: string): Promise<AssetBytes | null> {
    try {
      const image = await guardedFetch(url, (type) => IMAGE_TYPES.has(type), limits);
      return { bytes: image.body, contentType: image.contentType };
    } catch (error) {
      if (error instanceof GuardedFetchError) return null;
      throw error;
    }
  };
}
