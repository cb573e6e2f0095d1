/**
 * Where a file of a format really ends, from its own structure: bytes after that end are another
 * file riding along (a polyglot: a ZIP, a script, a PDF appended to an image), and a file whose
 * structure stops before its end marker is truncated.
 */
export type FileEnd = number | 'truncated';

const PNG_SIGNATURE_LENGTH = 8;

/** PNG: chunks (length, type, data, CRC) up to and including IEND. */
export function pngEnd(bytes: Buffer): FileEnd {
  let at = PNG_SIGNATURE_LENGTH;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    at += 12 + length;
    if (at > bytes.length) return 'truncated';
    if (type === 'IEND') return at;
  }
  return 'truncated';
}

const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);

/** JPEG: segments, and the entropy-coded data after each scan (where 0xFF is stuffed), up to EOI. */
export function jpegEnd(bytes: Buffer): FileEnd {
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return 'truncated';
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9) return at + 2;
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return 'truncated';
    at += 2 + bytes.readUInt16BE(at + 2);
    if (marker !== 0xda) continue;
    // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
    while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))) at++;
  }
  return 'truncated';
}

/** GIF: header, optional global colour table, then blocks up to the trailer (0x3B). */
export function gifEnd(bytes: Buffer): FileEnd {
  if (bytes.length < 13) return 'truncated';
  const tableSize = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let at = 13 + tableSize(bytes[10]!);
  const skipSubBlocks = () => {
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
    at += 1;
  };
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x3b) return at + 1;
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      if (at + 10 > bytes.length) return 'truncated';
      at += 10 + tableSize(bytes[at + 9]!) + 1;
      skipSubBlocks();
    } else return 'truncated';
  }
  return 'truncated';
}

const PDF_EOF = Buffer.from('%%EOF');

/** PDF: the last `%%EOF` (incremental updates append more), then at most whitespace. */
export function pdfEnd(bytes: Buffer): FileEnd {
  const eof = bytes.lastIndexOf(PDF_EOF);
  if (eof < 0) return 'truncated';
  let at = eof + PDF_EOF.length;
  while (at < bytes.length && [0x0a, 0x0d, 0x20, 0x09, 0x00].includes(bytes[at]!)) at++;
  return at;
}

/**
 * Signatures of formats a browser or an interpreter would act on, which have no business inside
 * an image's compressed data: their presence makes the file two things at once.
 */
const FOREIGN_MARKERS = ['%pdf-', '<script', '<html', '<?php', '<svg', '<!doctype'];

export function foreignMarkerIn(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1').toLowerCase();
  return FOREIGN_MARKERS.find((marker) => text.includes(marker));
}
