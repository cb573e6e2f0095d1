import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { PNG_SIGNATURE, pngChunk } from '../../load/png.js';

/** Files made here, for each case a client or an attacker could send. */

export const jpeg = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 30 } } })
    .jpeg()
    .toBuffer();

export const png = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();

export const gif = (width = 20, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: { r: 0, g: 200, b: 0 } } })
    .gif()
    .toBuffer();

/** A phone photo: where it was taken, in its EXIF GPS block. */
export const jpegWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .withExif({
      IFD0: { Make: 'TestPhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4000/100' },
    })
    .jpeg()
    .toBuffer();

export async function pdf(pages = 2): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) document.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780, size: 24, font });
  return Buffer.from(await document.save());
}

/**
 * A one-page PDF (of `pageSize` points) showing a `side` × `side` grey image of zeros, Flate-compressed:
 * about 1/1000 of its pixels in bytes, all of which rendering its page would decode.
 */
export async function pdfWithImage(side: number, pageSize: [number, number] = [595, 842]): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage(pageSize);
  const image = document.context.stream(deflateSync(Buffer.alloc(side * side)), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: side,
    Height: side,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  const name = page.node.newXObject('Image', document.context.register(image));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(500, 0, 0, 500, 50, 200),
    drawObject(PDFName.of(name.asString().slice(1))),
    popGraphicsState(),
  );
  return Buffer.from(await document.save());
}

/** A few hundred bytes that declare a 50,000 × 50,000 image: 2.5 billion pixels to decode. */
export function pixelBombPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(50_000, 0);
  header.writeUInt32BE(50_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  // The start of the first rows, all zeros: compresses to almost nothing.
  const rows = deflateSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', rows), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A ZIP whose one entry inflates from about 100 kB to 100 MB. */
export function zipBomb(): Buffer {
  const size = 100 * 1024 * 1024;
  const data = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from('zeros.bin');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(Buffer.alloc(size)), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name, data]);
}

/** A JPEG whose comment segment carries a PDF: a viewer of either format opens it. */
export async function jpegPdfPolyglot(): Promise<Buffer> {
  const image = await jpeg();
  const payload = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([image.subarray(0, 2), segment, payload, image.subarray(2)]);
}

/** A valid PNG with a ZIP appended: an image to one parser, an archive to another. */
export async function pngWithZip(): Promise<Buffer> {
  return Buffer.concat([await png(), zipBomb().subarray(0, 2048)]);
}

/** A valid image with a script appended after its end. */
export async function gifWithScript(): Promise<Buffer> {
  return Buffer.concat([await gif(), Buffer.from('<script>alert(document.cookie)</script>')]);
}
