import { deflateSync } from 'node:zlib';
import { pick } from '../content.js';
import { authHeaders } from '../graphql-client.js';
import { PNG_SIGNATURE, pngChunk } from '../png.js';
import type { HttpScenario } from './types.js';

const UPLOAD = 'mutation ($file: Upload!) { uploadMedia(file: $file) { id width } }';
const BOUNDARY = 'lpa-bench-upload';

/** A 640×480 RGB gradient PNG, made without a decoder so the scenario stays synchronous. */
function gradientPng(width = 640, height = 480): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, ((x + y) * 127) / (width + height)], row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** One GraphQL multipart request (operations, map, the file) as a browser's FormData sends it. */
function multipartBody(file: Buffer): Buffer {
  const part = (headers: string, body: string | Buffer) => [Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')];
  return Buffer.concat([
    ...part('Content-Disposition: form-data; name="operations"', JSON.stringify({ query: UPLOAD, variables: { file: null } })),
    ...part('Content-Disposition: form-data; name="map"', JSON.stringify({ 0: ['variables.file'] })),
    ...part('Content-Disposition: form-data; name="0"; filename="screenshot.png"\r\nContent-Type: image/png', file),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}

/**
 * Users uploading a screenshot each (uploadMedia over multipart): every request is sniffed, decoded,
 * re-encoded without metadata and thumbnailed, then stored; requests per second are images per second,
 * and the peak RSS is what holding and decoding them costs.
 */
export const uploadImage: HttpScenario = {
  kind: 'http',
  name: 'upload-image',
  description: 'uploadMedia of a 640×480 PNG (multipart) by one of the logged-in users: sniffed, decoded, re-encoded, thumbnailed, stored',
  // Each answer costs tens of milliseconds of decoding: a few connections saturate the thread pool, and
  // the first answers need longer to arrive than the default warm-up.
  connections: 4,
  warmUpSec: 3,
  requests: (ctx) => {
    const body = multipartBody(gradientPng());
    return () => ({
      body,
      headers: {
        ...authHeaders(pick(ctx.random, ctx.fixtures.users).token),
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'x-graphql-csrf': '1',
      },
    });
  },
};
