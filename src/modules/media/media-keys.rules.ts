import type { Media } from '../../generated/prisma/client.js';

/** Where a media's objects live: one folder per media, under its workspace. */
export const keysOf = (workspaceId: string, id: string, extension: string) => ({
  storageKey: `media/${workspaceId}/${id}/original.${extension}`,
  thumbnailKey: `media/${workspaceId}/${id}/thumbnail.webp`,
});

/** The folder of an original's key, whatever layout it was stored under. */
const folderOf = (storageKey: string) => storageKey.slice(0, storageKey.lastIndexOf('/'));

/** The thumbnail's key beside an original stored at `storageKey`. */
export const thumbnailKeyBeside = (storageKey: string) => `${folderOf(storageKey)}/thumbnail.webp`;

/**
 * Where a two-step upload's bytes are PUT, beside the original's key: never that key, so a second PUT
 * with the same still-valid URL cannot replace a file after `completeUpload` judged it.
 */
export const uploadKeyOf = (storageKey: string) => `${folderOf(storageKey)}/upload`;

/** Every object a media may have: original, pending upload, thumbnail. */
export const objectKeysOf = (media: Pick<Media, 'storageKey' | 'thumbnailKey'>) => [
  media.storageKey,
  uploadKeyOf(media.storageKey),
  ...(media.thumbnailKey ? [media.thumbnailKey] : []),
];
