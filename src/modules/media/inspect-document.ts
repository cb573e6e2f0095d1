import * as mupdf from 'mupdf';
import { isAppError } from '../../shared/errors.js';
import { thumbnailOf } from './inspect-image.js';
import { MAX_DOCUMENT_PAGES, MAX_IMAGE_PIXELS, mediaInvalid, THUMBNAIL_SIZE } from './media.rules.js';

/** Renders the first page twice the thumbnail's size (sharp then scales it down smoothly). */
const RENDER_SIZE = THUMBNAIL_SIZE * 2;

function open(bytes: Buffer): mupdf.Document {
  try {
    return mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch {
    throw mediaInvalid('CORRUPT', 'The PDF cannot be read.');
  }
}

/**
 * The pixels of every image the page draws (inline ones, and those inside forms, patterns and masks
 * included), from their sizes: a device that only looks draws nothing. Rendering decodes
 * them all, whatever the thumbnail's size: a few kilobytes of Flate can declare billions of pixels.
 */
function imagePixelsOn(page: mupdf.Page): number {
  let pixels = 0;
  const count = (image: mupdf.Image) => {
    pixels += image.getWidth() * image.getHeight();
  };
  const device = new mupdf.Device({ fillImage: count, fillImageMask: count, clipImageMask: count });
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  return pixels;
}

/** Counts the pages of a PDF and renders its first page as the thumbnail. The file is stored as sent. */
export async function inspectDocument(bytes: Buffer) {
  const document = open(bytes);
  try {
    if (document.needsPassword()) throw mediaInvalid('CORRUPT', 'The PDF is protected by a password: LinkedIn could not show it.');
    let pages: number;
    let png: Uint8Array;
    try {
      pages = document.countPages();
      if (pages > MAX_DOCUMENT_PAGES) throw mediaInvalid('TOO_MANY_PAGES', `The PDF has ${pages} pages; at most ${MAX_DOCUMENT_PAGES} are accepted.`);
      if (pages < 1) throw mediaInvalid('CORRUPT', 'The PDF has no pages.');
      const page = document.loadPage(0);
      // WebAssembly memory is not the garbage collector's: every object is freed here.
      try {
        const pixels = imagePixelsOn(page);
        if (pixels > MAX_IMAGE_PIXELS) {
          throw mediaInvalid('TOO_MANY_PIXELS', `The PDF's first page shows images of ${pixels} pixels in all; at most ${MAX_IMAGE_PIXELS} are accepted.`);
        }
        const [x0, y0, x1, y1] = page.getBounds();
        // At most RENDER_SIZE × RENDER_SIZE pixels, however large the page says it is.
        const scale = Math.min(RENDER_SIZE / Math.max(1, x1 - x0), RENDER_SIZE / Math.max(1, y1 - y0), 4);
        const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
        png = pixmap.asPNG();
        pixmap.destroy();
      } finally {
        page.destroy();
      }
    } catch (error) {
      if (isAppError(error)) throw error;
      throw mediaInvalid('CORRUPT', 'The PDF cannot be read.');
    }
    return { original: bytes, thumbnail: await thumbnailOf(Buffer.from(png)), width: null, height: null, pages };
  } finally {
    document.destroy();
  }
}
