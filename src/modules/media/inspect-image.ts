import sharp, { type Metadata, type Sharp } from 'sharp';
import { MAX_IMAGE_PIXELS, mediaInvalid, THUMBNAIL_SIZE } from './media.rules.js';

const decodeFailure = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  return /premature|truncat|end of (file|input)|unexpected end/i.test(message)
    ? mediaInvalid('TRUNCATED', 'The image ends before all of its pixels: it was cut short.')
    : mediaInvalid('CORRUPT', 'The image cannot be decoded.');
};

const REENCODE: Record<string, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 90 }),
  'image/png': (image) => image.png(),
  'image/gif': (image) => image.gif(),
};

export async function thumbnailOf(image: Buffer): Promise<Buffer> {
  return sharp(image).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
}

/**
 * Checks the pixels from the header before decoding any (a few bytes can declare billions: a
 * decompression bomb), then decodes every pixel (a cut-short image fails here) and re-encodes in the
 * same format without metadata: EXIF (GPS location included), XMP, comments and anything hidden in
 * them are gone; the EXIF orientation is applied first so the picture still stands the right way up.
 */
export async function inspectImage(bytes: Buffer, contentType: string) {
  let metadata: Metadata;
  try {
    // Only the header is read: libvips' own pixel limit would refuse the bomb as undecodable rather than too big.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeFailure(error);
  }
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height ?? 0;
  const width = metadata.width ?? 0;
  const pixels = width * frameHeight * frames;
  if (pixels > MAX_IMAGE_PIXELS) {
    throw mediaInvalid(
      'TOO_MANY_PIXELS',
      `The image has ${pixels} pixels (${width}×${frameHeight}${frames > 1 ? ` × ${frames} frames` : ''}); at most ${MAX_IMAGE_PIXELS} are accepted.`,
    );
  }
  let original: Buffer;
  try {
    const decoder = sharp(bytes, { animated: frames > 1, limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated' }).rotate();
    original = await REENCODE[contentType]!(decoder).toBuffer();
  } catch (error) {
    throw decodeFailure(error);
  }
  const stored = await sharp(original).metadata();
  return {
    original,
    thumbnail: await thumbnailOf(original),
    width: stored.width ?? width,
    height: stored.pageHeight ?? stored.height ?? frameHeight,
    pages: null,
  };
}
