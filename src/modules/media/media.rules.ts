import { AppError } from '../../shared/errors.js';

export type MediaKind = 'IMAGE' | 'DOCUMENT';

/** Why a file was refused (`extensions.reason` of a MEDIA_INVALID error). */
export type MediaInvalidReason =
  | 'UNSUPPORTED_TYPE'
  | 'MISMATCHED_TYPE'
  | 'TRUNCATED'
  | 'CORRUPT'
  | 'TOO_LARGE'
  | 'TOO_MANY_PIXELS'
  | 'TOO_MANY_PAGES'
  | 'POLYGLOT'
  | 'QUOTA_EXCEEDED'
  | 'NOT_UPLOADED';

export const mediaInvalid = (reason: MediaInvalidReason, message: string) => new AppError('MEDIA_INVALID', message, { reason });

export interface AcceptedType {
  kind: MediaKind;
  /** The stored file's extension. */
  extension: string;
}

/**
 * What LinkedIn accepts, which is what a post can carry. Images API (learn.microsoft.com/linkedin/marketing/
 * community-management/shares/images-api): JPG, GIF and PNG, under 36,152,320 pixels. Documents API
 * (…/shares/documents-api): PPT, PPTX, DOC, DOCX and PDF, up to 100 MB and 300 pages; PDF is the one
 * format every office suite exports, and the only one we can check and render, so it is the one taken.
 */
const ACCEPTED_TYPES: Readonly<Record<string, AcceptedType>> = {
  'image/jpeg': { kind: 'IMAGE', extension: 'jpg' },
  'image/png': { kind: 'IMAGE', extension: 'png' },
  'image/gif': { kind: 'IMAGE', extension: 'gif' },
  'application/pdf': { kind: 'DOCUMENT', extension: 'pdf' },
};

export const MAX_IMAGE_PIXELS = 36_152_320;
export const MAX_DOCUMENT_PAGES = 300;

/** Bytes per kind: LinkedIn's 100 MB for documents; images are bounded by their pixels, 20 MB is more than any such JPEG or PNG needs. */
export const MAX_BYTES: Readonly<Record<MediaKind, number>> = { IMAGE: 20 * 1024 * 1024, DOCUMENT: 100 * 1024 * 1024 };

/** Thumbnails fit in this square (WebP). */
export const THUMBNAIL_SIZE = 400;

/** LinkedIn's limit on an image's alternative text. */
export const MAX_ALT_TEXT_LENGTH = 4086;

/** Declared types that say nothing about the file: the bytes decide alone. */
const UNDECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The declared type, normalised (parameters dropped, `image/jpg` taken for `image/jpeg`), or undefined when it says nothing. */
export function declaredTypeOf(declared: string | undefined): string | undefined {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (UNDECLARED.has(type)) return undefined;
  return type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
}

export function acceptedType(contentType: string): AcceptedType {
  const accepted = ACCEPTED_TYPES[contentType];
  if (!accepted) throw mediaInvalid('UNSUPPORTED_TYPE', `Files of type ${contentType} are not accepted: send a JPEG, PNG or GIF image, or a PDF document.`);
  return accepted;
}

export function checkSize(kind: MediaKind, bytes: number): void {
  if (bytes > MAX_BYTES[kind]) {
    throw mediaInvalid('TOO_LARGE', `The file has ${bytes} bytes; ${kind === 'IMAGE' ? 'an image' : 'a document'} may have at most ${MAX_BYTES[kind]}.`);
  }
}

/** Refuses an upload that would take the workspace's stored media past `quotaBytes`. */
export function checkQuota(usedBytes: number, addedBytes: number, quotaBytes: number): void {
  if (usedBytes + addedBytes > quotaBytes) {
    throw mediaInvalid(
      'QUOTA_EXCEEDED',
      `The workspace's media would take ${usedBytes + addedBytes} bytes, over its quota of ${quotaBytes}: delete some media first.`,
    );
  }
}

/** The metrics label for a file before its bytes were judged: its declared kind, or unknown. */
export function kindLabel(declared: string | undefined): string {
  const type = declaredTypeOf(declared);
  try {
    return type ? acceptedType(type).kind.toLowerCase() : 'unknown';
  } catch {
    return 'unknown';
  }
}
