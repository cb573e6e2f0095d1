import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, fetchExchange } from '@urql/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-lines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as fixtures from './fixtures.js';
import { fetchMediaUrl, filesUnder, MEDIA_FIELDS, type MediaShape, UPLOAD, uploadWithFetch } from './upload-client.js';

let t: TestApp;
let dir: string;
let user: { token: string };
const { logger, lines } = capturedLogger('info');

const mediaRows = () => t.app.db.prisma.media.count();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-media-test-'));
  t = await createTestApp({ env: { MEDIA_DIR: dir }, app: { logger } });
  user = await t.signUp();
});

afterAll(async () => {
  // Nothing a client sent, however bad, is the server's failure.
  expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('uploadMedia over the GraphQL multipart request spec', () => {
  it('stores an image sent with fetch + FormData, with its dimensions, alt text and a thumbnail beside it', async () => {
    const bytes = await fixtures.jpeg(640, 480);
    const { data, errors } = await uploadWithFetch(t, user.token, bytes, { type: 'image/jpeg', name: 'team.jpg', altText: 'The team at the offsite' });
    expect(errors).toBeUndefined();
    const media = data!.uploadMedia;
    expect(media).toMatchObject({
      kind: 'IMAGE',
      status: 'READY',
      contentType: 'image/jpeg',
      width: 640,
      height: 480,
      pages: null,
      altText: 'The team at the offsite',
    });
    const original = await fetchMediaUrl(t, media.url!);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await original.arrayBuffer());
    expect(stored.length).toBe(media.bytes);
    const thumbnail = await sharp(Buffer.from(await (await fetchMediaUrl(t, media.thumbnailUrl!)).arrayBuffer())).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 400, height: 300 });
    const row = await t.app.db.prisma.media.findFirstOrThrow({ where: { altText: 'The team at the offsite' } });
    expect(await filesUnder(dir)).toEqual(expect.arrayContaining([row.storageKey, row.thumbnailKey]));
  });

  it('stores a PDF with its page count and its first page as the thumbnail, through urql (a client speaking the multipart spec)', async () => {
    const client = new Client({
      url: `${t.url}/graphql`,
      exchanges: [fetchExchange],
      preferGetMethod: false,
      fetchOptions: { headers: { authorization: `Bearer ${user.token}`, 'x-graphql-csrf': '1' } },
    });
    const file = new File([new Uint8Array(await fixtures.pdf(3))], 'deck.pdf', { type: 'application/pdf' });
    const result = await client.mutation<{ uploadMedia: MediaShape }>(UPLOAD, { file }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data!.uploadMedia).toMatchObject({ kind: 'DOCUMENT', contentType: 'application/pdf', pages: 3, width: null });
    const thumbnail = await sharp(Buffer.from(await (await fetchMediaUrl(t, result.data!.uploadMedia.thumbnailUrl!)).arrayBuffer())).metadata();
    expect(thumbnail.format).toBe('webp');
    expect(thumbnail.height).toBe(400);
  });

  it('renders the first page of a PDF into a bounded thumbnail, however large the page and its images (under the pixel budget)', async () => {
    for (const [bytes, size] of [
      [await fixtures.pdfWithImage(5_000), { width: 283, height: 400 }],
      [await fixtures.pdfWithImage(100, [14_400, 14_400]), { width: 400, height: 400 }],
    ] as const) {
      const { data, errors } = await uploadWithFetch(t, user.token, bytes, { type: 'application/pdf', name: 'big.pdf' });
      expect(errors).toBeUndefined();
      expect(data!.uploadMedia).toMatchObject({ kind: 'DOCUMENT', pages: 1 });
      const thumbnail = await sharp(Buffer.from(await (await fetchMediaUrl(t, data!.uploadMedia.thumbnailUrl!)).arrayBuffer())).metadata();
      expect({ width: thumbnail.width, height: thumbnail.height }).toEqual(size);
    }
  });

  it('accepts PNG and GIF', async () => {
    for (const [bytes, type] of [
      [await fixtures.png(), 'image/png'],
      [await fixtures.gif(), 'image/gif'],
    ] as const) {
      const { data, errors } = await uploadWithFetch(t, user.token, bytes, { type, name: 'x' });
      expect(errors).toBeUndefined();
      expect(data!.uploadMedia.contentType).toBe(type);
    }
  });

  it('strips EXIF, GPS location included, from the stored image', async () => {
    const bytes = await fixtures.jpegWithGps();
    expect((await sharp(bytes).metadata()).exif?.length).toBeGreaterThan(0);
    const { data } = await uploadWithFetch(t, user.token, bytes, { type: 'image/jpeg', name: 'photo.jpg' });
    const stored = Buffer.from(await (await fetchMediaUrl(t, data!.uploadMedia.url!)).arrayBuffer());
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('TestPhone'))).toBe(false);
  });

  it('needs the CSRF header like any other non-simple request, and a session', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([new Uint8Array(await fixtures.png())], { type: 'image/png' }), 'a.png');
    const refused = await t.fetch('/graphql', { method: 'POST', body: form, headers: { authorization: `Bearer ${user.token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const anonymous = await t.fetch('/graphql', { method: 'POST', body: form, headers: { 'x-graphql-csrf': '1' } });
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad files: a typed error, and nothing stored', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, { type: string; name: string }, string][] = [
    ['a truncated JPEG', async () => (await fixtures.jpeg(300, 200)).subarray(0, 600), { type: 'image/jpeg', name: 'cut.jpg' }, 'TRUNCATED'],
    ['a PNG renamed .jpg and declared image/jpeg', fixtures.png, { type: 'image/jpeg', name: 'photo.jpg' }, 'MISMATCHED_TYPE'],
    ['a pixel bomb (a small PNG declaring 50,000 × 50,000)', fixtures.pixelBombPng, { type: 'image/png', name: 'bomb.png' }, 'TOO_MANY_PIXELS'],
    ['a zip bomb', fixtures.zipBomb, { type: 'application/zip', name: 'bomb.zip' }, 'UNSUPPORTED_TYPE'],
    ['a PNG with a ZIP appended', fixtures.pngWithZip, { type: 'image/png', name: 'a.png' }, 'POLYGLOT'],
    ['a GIF with a script appended', fixtures.gifWithScript, { type: 'image/gif', name: 'a.gif' }, 'POLYGLOT'],
    ['a JPEG that is also a PDF', fixtures.jpegPdfPolyglot, { type: 'image/jpeg', name: 'a.jpg' }, 'POLYGLOT'],
    ['a truncated PDF', async () => (await fixtures.pdf(2)).subarray(0, 700), { type: 'application/pdf', name: 'cut.pdf' }, 'TRUNCATED'],
    ['a PDF of 301 pages', () => fixtures.pdf(301), { type: 'application/pdf', name: 'long.pdf' }, 'TOO_MANY_PAGES'],
    [
      'a PDF whose first page shows a 12,000 × 12,000 image (141 kB of Flate)',
      () => fixtures.pdfWithImage(12_000),
      { type: 'application/pdf', name: 'bomb.pdf' },
      'TOO_MANY_PIXELS',
    ],
    ['an HTML page named .png', () => Buffer.from('<html><script>alert(1)</script></html>'), { type: 'image/png', name: 'a.png' }, 'UNSUPPORTED_TYPE'],
    ['an empty file', () => Buffer.alloc(0), { type: 'image/png', name: 'empty.png' }, 'TRUNCATED'],
  ];

  it.each(cases)('%s', async (_name, make, file, reason) => {
    const before = { files: await filesUnder(dir), rows: await mediaRows() };
    const { errors, data } = await uploadWithFetch(t, user.token, await make(), file);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason });
    expect(await filesUnder(dir)).toEqual(before.files);
    expect(await mediaRows()).toBe(before.rows);
  });

  it('refuses a multipart body over MEDIA_MAX_UPLOAD_BYTES while it streams (413), storing nothing', async () => {
    const small = await createTestApp({ env: { MEDIA_DIR: dir, MEDIA_MAX_UPLOAD_BYTES: '100000' } });
    try {
      const owner = await small.signUp();
      const before = await filesUnder(dir);
      const big = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
        .png()
        .toBuffer();
      expect(big.length).toBeGreaterThan(100_000);
      const { status, errors } = await uploadWithFetch(small, owner.token, big, { type: 'image/png', name: 'big.png' });
      expect(status).toBe(413);
      expect(errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await filesUnder(dir)).toEqual(before);
      expect(await small.app.db.prisma.media.count()).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('malformed multipart requests', () => {
  const send = async (parts: Record<string, string | Blob>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(parts)) form.set(name, value);
    const response = await t.fetch('/graphql', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${user.token}`, 'x-graphql-csrf': '1', accept: 'application/graphql-response+json' },
    });
    return { status: response.status, body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] } };
  };
  const file = () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });

  it.each([
    ['operations that are not JSON', () => ({ operations: '{not json', map: '{"0":["variables.file"]}', 0: file() })],
    [
      'a map naming a file that was not sent',
      () => ({ operations: JSON.stringify({ query: UPLOAD, variables: { file: null } }), map: '{"1":["variables.file"]}' }),
    ],
    ['no map', () => ({ operations: JSON.stringify({ query: UPLOAD, variables: { file: null } }), 0: file() })],
    ['a string where the file goes', () => ({ operations: JSON.stringify({ query: UPLOAD, variables: { file: 'not a file' } }), map: '{}' })],
  ])('%s: a client error, never an internal one', async (_case, parts) => {
    const rows = await mediaRows();
    const { status, body } = await send(parts());
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors!) expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']).toContain(error.extensions?.code);
    expect(await mediaRows()).toBe(rows);
  });

  it('an Upload given in a JSON body is BAD_USER_INPUT', async () => {
    const { errors } = await t.gql(UPLOAD, { file: 'data:image/png;base64,AAAA' }, { token: user.token });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('owning media', () => {
  const NODE = `query ($id: ID!) { node(id: $id) { ... on Media { ${MEDIA_FIELDS} } } }`;

  it('is a Relay node only the members of its workspace see; to anyone else it resolves to null and cannot be changed', async () => {
    const { data } = await uploadWithFetch(t, user.token, await fixtures.png(), { type: 'image/png', name: 'mine.png' });
    const id = data!.uploadMedia.id;
    expect((await t.gql(NODE, { id }, { token: user.token })).data?.node).toMatchObject({ id, kind: 'IMAGE' });
    const other = await t.signUp();
    expect((await t.gql(NODE, { id }, { token: other.token })).data?.node).toBeNull();
    const update = await t.gql('mutation ($id: ID!) { updateMediaAltText(id: $id, altText: "x") { id } }', { id }, { token: other.token });
    expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const remove = await t.gql('mutation ($id: ID!) { deleteMedia(id: $id) }', { id }, { token: other.token });
    expect(remove.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(NODE, { id }, { token: user.token })).data?.node).toMatchObject({ id, altText: null });
  });

  it('updates the alt text, and deletes the media with its files', async () => {
    const { data } = await uploadWithFetch(t, user.token, await fixtures.gif(), { type: 'image/gif', name: 'a.gif' });
    const id = data!.uploadMedia.id;
    const updated = await t.gql('mutation ($id: ID!) { updateMediaAltText(id: $id, altText: "A green square") { altText } }', { id }, { token: user.token });
    expect(updated.data?.updateMediaAltText.altText).toBe('A green square');
    const tooLong = await t.gql(
      'mutation ($id: ID!, $a: String) { updateMediaAltText(id: $id, altText: $a) { altText } }',
      { id, a: 'x'.repeat(4087) },
      { token: user.token },
    );
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const row = await t.app.db.prisma.media.findFirstOrThrow({ where: { altText: 'A green square' } });
    expect(await filesUnder(dir)).toContain(row.storageKey);
    const removed = await t.gql('mutation ($id: ID!) { deleteMedia(id: $id) }', { id }, { token: user.token });
    expect(removed.data?.deleteMedia).toBe(id);
    const files = await filesUnder(dir);
    expect(files).not.toContain(row.storageKey);
    expect(files).not.toContain(row.thumbnailKey);
    expect((await fetchMediaUrl(t, data!.uploadMedia.url!)).status).toBe(404);
  });
});
