import type { Attachment } from '../posts/attachment.rules.js';
import type { AssetBytes, LinkedInAssets, MediaSource, UploadStep } from './linkedin-assets.js';
import { articleContent, type LinkedInPostContent, pollContent } from './linkedin-content.js';

export interface ContentDeps {
  assets: LinkedInAssets;
  /**
   * An article's thumbnail, fetched under the same rules as its preview (public addresses only,
   * redirects re-checked, size and time limits); null when it cannot be had.
   */
  fetchThumbnail: (url: string) => Promise<AssetBytes | null>;
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
  const stored = await source.read(media.id);
  const upload = media.kind === 'IMAGE' ? assets.uploadImage : assets.uploadDocument;
  return upload({ ...stored, accessToken: input.accessToken, owner: input.owner, onStep: input.onStep });
}
