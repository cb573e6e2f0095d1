import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as fixtures from './fixtures.js';
import { mediaStorages } from './media-storages.js';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  fetchMediaUrl,
  filesUnder,
  type MediaShape,
  putBytes,
  type UploadTicketShape,
  uploadWithFetch,
} from './upload-client.js';

const media = mediaStorages('two-step');
const storages = { local: media.local, s3: media.s3 };

describe.each(Object.entries(storages))('media stored in %s storage', (_name, storage) => {
  let t: TestApp;
  let user: { token: string };

  beforeAll(async () => {
    t = await createTestApp({ env: storage.env() });
    user = await t.signUp();
  });
  afterAll(() => t?.close());

  const rows = () => t.app.db.prisma.media.count();
  const announce = async (contentType: string, bytes: number) => {
    const { data, errors } = await t.gql<{ createUpload: UploadTicketShape }>(CREATE_UPLOAD, { input: { contentType, bytes } }, { token: user.token });
    expect(errors).toBeUndefined();
    return data!.createUpload;
  };
  const complete = (id: string) => t.gql<{ completeUpload: MediaShape }>(COMPLETE_UPLOAD, { id }, { token: user.token });

  it('stores a multipart upload with its thumbnail beside it, readable through a signed URL', async () => {
    const bytes = await fixtures.png(120, 90);
    const { data, errors } = await uploadWithFetch(t, user.token, bytes, { type: 'image/png', name: 'chart.png' });
    expect(errors).toBeUndefined();
    const row = await t.app.db.prisma.media.findFirstOrThrow({ where: { id: Buffer.from(data!.uploadMedia.id, 'base64').toString().split(':')[1]! } });
    expect(await storage.stored()).toEqual(expect.arrayContaining([row.storageKey, row.thumbnailKey]));
    const read = await fetchMediaUrl(t, data!.uploadMedia.url!);
    expect(read.status).toBe(200);
    expect((await sharp(Buffer.from(await read.arrayBuffer())).metadata()).width).toBe(120);
  });

  it('takes a signed two-step upload: createUpload, PUT of the bytes, completeUpload, with EXIF stripped', async () => {
    const bytes = await fixtures.jpegWithGps();
    const ticket = await announce('image/jpeg', bytes.length);
    expect(ticket.media).toMatchObject({ status: 'PENDING', url: null, bytes: bytes.length });
    expect((await putBytes(t, ticket, bytes)).status).toBe(200);
    const { data, errors } = await complete(ticket.media.id);
    expect(errors).toBeUndefined();
    expect(data!.completeUpload).toMatchObject({ id: ticket.media.id, status: 'READY', kind: 'IMAGE', width: 64, height: 48 });
    const stored = Buffer.from(await (await fetchMediaUrl(t, data!.completeUpload.url!)).arrayBuffer());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const keys = await storage.stored();
    expect(keys.filter((key) => key.endsWith('/upload'))).toEqual([]);
    // Completing again changes nothing.
    expect((await complete(ticket.media.id)).data!.completeUpload.status).toBe('READY');
  });

  it('takes a PDF in two steps, counting its pages', async () => {
    const bytes = await fixtures.pdf(4);
    const ticket = await announce('application/pdf', bytes.length);
    await putBytes(t, ticket, bytes);
    expect((await complete(ticket.media.id)).data!.completeUpload).toMatchObject({ kind: 'DOCUMENT', pages: 4 });
  });

  it('answers NOT_UPLOADED before the bytes arrived, and keeps the upload open', async () => {
    const ticket = await announce('image/png', 100);
    expect((await complete(ticket.media.id)).errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason: 'NOT_UPLOADED' });
    const bytes = await fixtures.png();
    const second = await announce('image/png', bytes.length);
    await putBytes(t, second, bytes);
    expect((await complete(second.media.id)).data!.completeUpload.status).toBe('READY');
  });

  it('refuses, at createUpload, a type or size no file may have, storing nothing', async () => {
    const before = await rows();
    const zip = await t.gql(CREATE_UPLOAD, { input: { contentType: 'application/zip', bytes: 100 } }, { token: user.token });
    expect(zip.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason: 'UNSUPPORTED_TYPE' });
    const huge = await t.gql(CREATE_UPLOAD, { input: { contentType: 'image/png', bytes: 21 * 1024 * 1024 } }, { token: user.token });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason: 'TOO_LARGE' });
    expect(await rows()).toBe(before);
  });

  it('sweeps a two-step upload never completed once its URL has expired: its bytes and row go, READY media stays', async () => {
    const bytes = await fixtures.png();
    const ticket = await announce('image/png', bytes.length);
    await putBytes(t, ticket, bytes);
    const ready = await t.app.db.prisma.media.count({ where: { status: 'READY' } });
    const rawId = Buffer.from(ticket.media.id, 'base64').toString().split(':')[1]!;
    expect(await t.app.services.media.sweepAbandoned()).toBe(0);
    // Twenty minutes on: the 15-minute URL and the 5-minute grace after it have passed.
    expect(await t.app.services.media.sweepAbandoned(Date.now() + 20 * 60_000 + 1000)).toBeGreaterThan(0);
    expect(await t.app.db.prisma.media.findUnique({ where: { id: rawId } })).toBeNull();
    expect((await storage.stored()).filter((key) => key.endsWith('/upload'))).toEqual([]);
    expect(await t.app.db.prisma.media.count({ where: { status: 'READY' } })).toBe(ready);
  });

  it.each([
    ['bytes of another type than announced', 'image/jpeg', fixtures.png, 'MISMATCHED_TYPE'],
    ['a polyglot', 'image/png', fixtures.pngWithZip, 'POLYGLOT'],
    ['a pixel bomb', 'image/png', fixtures.pixelBombPng, 'TOO_MANY_PIXELS'],
    ['a PDF whose first page shows a 12,000 × 12,000 image', 'application/pdf', () => fixtures.pdfWithImage(12_000), 'TOO_MANY_PIXELS'],
  ] as const)('completeUpload refuses %s and deletes the bytes and the row', async (_case, contentType, make, reason) => {
    const before = { objects: await storage.stored(), rows: await rows() };
    const bytes = await make();
    const ticket = await announce(contentType, bytes.length);
    expect((await putBytes(t, ticket, bytes)).status).toBe(200);
    expect((await complete(ticket.media.id)).errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason });
    expect(await storage.stored()).toEqual(before.objects);
    expect(await rows()).toBe(before.rows);
  });
});

describe('the local signed upload route', () => {
  let t: TestApp;
  let user: { token: string };
  beforeAll(async () => {
    t = await createTestApp({ env: { MEDIA_DIR: media.mediaDir() } });
    user = await t.signUp();
  });
  afterAll(() => t?.close());

  const announce = async (bytes: number) =>
    (await t.gql<{ createUpload: UploadTicketShape }>(CREATE_UPLOAD, { input: { contentType: 'image/png', bytes } }, { token: user.token })).data!.createUpload;

  it('refuses a tampered signature, another content type and more bytes than announced, storing nothing', async () => {
    const bytes = await fixtures.png();
    const ticket = await announce(bytes.length);
    const before = await filesUnder(media.mediaDir());
    const tampered = { ...ticket, url: ticket.url.replace(/key=media%2F[0-9a-f]/, 'key=media%2Fx') };
    expect((await putBytes(t, tampered, bytes)).status).toBe(403);
    const otherType = { ...ticket, headers: [{ name: 'content-type', value: 'text/html' }] };
    expect((await putBytes(t, otherType, bytes)).status).toBe(403);
    expect((await putBytes(t, ticket, Buffer.concat([bytes, Buffer.alloc(10)]))).status).toBe(413);
    expect(await filesUnder(media.mediaDir())).toEqual(before);
    const read = await fetchMediaUrl(t, ticket.url.replace('/media/upload', '/media/file'));
    expect(read.status).toBe(403);
  });
});
