import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { type FileEnd, foreignMarkerIn, gifEnd, jpegEnd, pdfEnd, pngEnd } from './file-structure.rules.js';
import { inspectImage } from './inspect-image.js';
import { acceptedType, checkSize, declaredTypeOf, type MediaKind, mediaInvalid } from './media.rules.js';

/** A file that passed every check, ready to store: its original (images re-encoded without metadata) and a thumbnail. */
export interface InspectedMedia {
  kind: MediaKind;
  contentType: string;
  extension: string;
  original: Buffer;
  thumbnail: Buffer;
  width: number | null;
  height: number | null;
  pages: number | null;
  sha256: string;
}

const END_OF: Record<string, (bytes: Buffer) => FileEnd> = {
  'image/jpeg': jpegEnd,
  'image/png': pngEnd,
  'image/gif': gifEnd,
  'application/pdf': pdfEnd,
};

function checkStructure(bytes: Buffer, contentType: string, kind: MediaKind) {
  const end = END_OF[contentType]!(bytes);
  if (end === 'truncated') throw mediaInvalid('TRUNCATED', 'The file ends before its format says it does: it was cut short.');
  if (end < bytes.length) throw mediaInvalid('POLYGLOT', `The file carries ${bytes.length - end} bytes after its end: another file is attached to it.`);
  const marker = kind === 'IMAGE' ? foreignMarkerIn(bytes) : undefined;
  if (marker) throw mediaInvalid('POLYGLOT', `The image also holds "${marker}", the start of another kind of file.`);
}

/**
 * Judges a file by its bytes alone (the name and the declared type only have to agree with them):
 * its real type, size, structure, pixels or pages; then derives what is stored. Throws MEDIA_INVALID
 * with the reason otherwise.
 */
export async function inspectMedia(bytes: Buffer, declared: string | undefined): Promise<InspectedMedia> {
  if (!bytes.length) throw mediaInvalid('TRUNCATED', 'The file is empty.');
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed) throw mediaInvalid('UNSUPPORTED_TYPE', 'The file is of no type we accept: send a JPEG, PNG or GIF image, or a PDF document.');
  const { kind, extension } = acceptedType(sniffed.mime);
  const declaredType = declaredTypeOf(declared);
  if (declaredType && declaredType !== sniffed.mime) {
    throw mediaInvalid('MISMATCHED_TYPE', `The file was sent as ${declaredType} but its bytes are ${sniffed.mime}.`);
  }
  checkSize(kind, bytes.length);
  checkStructure(bytes, sniffed.mime, kind);
  // mupdf's WebAssembly (about 30 MB) loads with the first document, not with the first image.
  const derived = kind === 'IMAGE' ? await inspectImage(bytes, sniffed.mime) : await (await import('./inspect-document.js')).inspectDocument(bytes);
  return {
    kind,
    contentType: sniffed.mime,
    extension,
    ...derived,
    sha256: createHash('sha256').update(derived.original).digest('hex'),
  };
}
