import { MediaUnavailableError } from '../media/media.service.js';
import type { Attachment } from '../posts/attachment.rules.js';
import { isLinkedInApiError, LinkedInApiError } from './linkedin-api-error.js';
import type { AssetBytes, LinkedInAssets, MediaSource, UploadStep } from './linkedin-assets.js';
import { articleContent, type LinkedInPostContent, mediaContent, multiImageContent, pollContent } from './linkedin-content.js';

export interface ContentDeps {
  assets: LinkedInAssets;
  /**
   * An article's thumbnail, fetched under the same rules as its preview (public addresses only,
   * redirects re-checked, size and time limits); null when it cannot be had.
   */
  fetchThumbnail: (url: string) => Promise<AssetBytes | null>;
  /** The stored bytes of a post's images and documents. */
  media: MediaSource;
}

export interface ContentInput {
  attachment: Attachment | null;
  accessToken: string;
  owner: string;
  onStep: (step: UploadStep) => void;
}

/**
 * The Posts API `content` for what a post carries, its assets uploaded first. Runs inside the
 * attempt: an upload that fails fails the attempt before any post is created, and the next attempt
 * uploads again (an unused asset on LinkedIn is harmless, a second post is not).
 */
export async function prepareContent(deps: ContentDeps, input: ContentInput): Promise<LinkedInPostContent | undefined> {
  const attachment = input.attachment;
  if (!attachment) return undefined;
  if (attachment.kind === 'POLL') return pollContent(attachment);
  if (attachment.kind === 'MEDIA') {
    const urn = await uploadStoredMedia(deps.assets, deps.media, attachment.media, input);
    return mediaContent({ urn, title: attachment.title ?? undefined, altText: altTextOf(attachment.media) });
  }
  if (attachment.kind === 'MULTI_IMAGE') {
    const images: { urn: string; altText?: string }[] = [];
    // One after another: the attempt log lists each image's steps in the post's order.
    for (const image of attachment.images) images.push({ urn: await uploadStoredMedia(deps.assets, deps.media, image, input), altText: altTextOf(image) });
    return multiImageContent(images);
  }
  // A thumbnail that cannot be fetched leaves the article without one rather than the post unsent.
  const image = attachment.thumbnailUrl ? await deps.fetchThumbnail(attachment.thumbnailUrl) : null;
  const thumbnail = image ? await deps.assets.uploadImage({ ...image, accessToken: input.accessToken, owner: input.owner, onStep: input.onStep }) : undefined;
  return articleContent(attachment, thumbnail);
}

/**
 * Uploads one stored media item through the Images API (IMAGE) or the Documents API (DOCUMENT) and
 * answers its URN, for `content.media` and `content.multiImage`. The bytes come from the media store
 * through `source`.
 */
export async function uploadStoredMedia(
  assets: LinkedInAssets,
  source: MediaSource,
  media: { id: string; kind: 'IMAGE' | 'DOCUMENT' },
  input: Omit<ContentInput, 'attachment'>,
): Promise<string> {
  const stored = await readForUpload(source, media.id);
  const upload = media.kind === 'IMAGE' ? assets.uploadImage : assets.uploadDocument;
  return upload({ ...stored, accessToken: input.accessToken, owner: input.owner, onStep: input.onStep });
}

/** Alt text goes to LinkedIn for images only (a document has none). */
const altTextOf = (media: { kind: 'IMAGE' | 'DOCUMENT'; altText: string | null }) => (media.kind === 'IMAGE' && media.altText?.trim()) || undefined;

/**
 * The bytes of a stored media, or a classified failure for the attempt's record: media gone from the
 * store fails the attempt for good (retrying will not bring it back), a storage that did not answer is retried.
 */
async function readForUpload(source: MediaSource, mediaId: string): Promise<AssetBytes> {
  try {
    return await source.read(mediaId);
  } catch (error) {
    if (isLinkedInApiError(error)) throw error;
    const gone = error instanceof MediaUnavailableError;
    throw new LinkedInApiError({
      status: null,
      category: gone ? 'client' : 'server',
      retryable: !gone,
      message: gone ? error.message : `The media storage could not be read: ${(error as Error).message}`,
    });
  }
}
