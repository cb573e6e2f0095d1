import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakes/linkedin-server.js';
import * as fixtures from '../media/fixtures.js';
import { uploadWithFetch } from '../media/upload-client.js';
import { connectedAuthor, DEFAULT_OWNER_URN, publishCarrying, requestLine } from './publish-carrying.js';
import { createPublishingTestApp, type PublishingTestApp, rawId } from './publishing-app.js';

/**
 * Image, document and multi-image posts published to the fake LinkedIn through the queue worker: the
 * stored bytes go through the Images or Documents API first, then the Posts API names the assets.
 */
let p: PublishingTestApp;
let dir: string;
let author: { token: string; id: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-media-publish-'));
  p = await createPublishingTestApp({ MEDIA_DIR: dir, RATE_LIMIT_UPLOAD: '1000' });
  author = await connectedAuthor(p, 'Media poster');
});
afterAll(async () => {
  await p?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Uploads a file through the API; answers its global id and the bytes it was stored as (images are re-encoded). */
async function stored(bytes: Buffer, type: string, altText?: string): Promise<{ id: string; bytes: Buffer }> {
  const { data, errors } = await uploadWithFetch(p.t, author.token, bytes, { type, name: 'file', altText });
  if (!data?.uploadMedia) throw new Error(JSON.stringify(errors));
  const row = await p.t.app.db.prisma.media.findUniqueOrThrow({ where: { id: rawId(data.uploadMedia.id) } });
  return { id: data.uploadMedia.id, bytes: await readFile(join(dir, row.storageKey)) };
}

const publish = (input: Record<string, unknown>) => publishCarrying(p, author.token, input, 'Media post');
const owner = DEFAULT_OWNER_URN;
const assetId = (urn: string) => urn.split(':').at(-1);

/** The three requests of one upload, exactly as LinkedIn documents them. */
function expectUpload(requests: RecordedRequest[], kind: 'image' | 'document', urn: string, bytes: Buffer, contentType: string) {
  const [init, put, status] = requests;
  expect(requests.map(requestLine)).toEqual([
    `POST /rest/${kind}s?action=initializeUpload`,
    `PUT /upload/${kind}s/${assetId(urn)}`,
    `GET /rest/${kind}s/${encodeURIComponent(urn)}`,
  ]);
  for (const request of [init!, status!]) {
    expect(request.headers).toMatchObject({
      authorization: expect.stringMatching(/^Bearer AQ/),
      'linkedin-version': '202510',
      'x-restli-protocol-version': '2.0.0',
    });
  }
  expect(init!.headers['content-type']).toBe('application/json');
  expect(JSON.parse(init!.body)).toEqual({ initializeUploadRequest: { owner } });
  expect(put!.headers).toMatchObject({ authorization: init!.headers.authorization, 'content-type': contentType });
  const asset = p.fake.assets.find((a) => a.urn === urn)!;
  expect(asset).toMatchObject({ kind, owner, status: 'AVAILABLE', contentType });
  expect(Buffer.compare(asset.bytes!, bytes)).toBe(0);
}

const steps = (asset: 'image' | 'document', urn: string) => [
  { asset, step: 'initializeUpload', urn, polls: null },
  { asset, step: 'upload', urn, polls: null },
  { asset, step: 'available', urn, polls: 1 },
];

describe('publishing posts that carry images or a document', () => {
  it('one image: uploaded through the Images API, then content.media names it with its alt text', async () => {
    const image = await stored(await fixtures.png(), 'image/png', 'A blue square');
    const { post, requests } = await publish({ media: { id: image.id } });
    const urn = p.fake.assets.at(-1)!.urn;
    expect(urn).toMatch(/^urn:li:image:/);
    expectUpload(requests.slice(0, 3), 'image', urn, image.bytes, 'image/png');
    expect(requests.slice(3).map(requestLine)).toEqual(['POST /rest/posts']);
    const body = JSON.parse(requests[3]!.body);
    expect(body).toMatchObject({ author: owner, lifecycleState: 'PUBLISHED' });
    expect(body.content).toEqual({ media: { id: urn, altText: 'A blue square' } });
    expect(p.fake.posts.at(-1)).toMatchObject({ urn: post.linkedInUrn, content: { media: { id: urn, altText: 'A blue square' } } });
    expect(post.publishAttempts).toEqual([{ number: 1, outcome: 'PUBLISHED', error: null, uploadSteps: steps('image', urn) }]);
  });

  it('a document: uploaded through the Documents API, then content.media names it under its title', async () => {
    const document = await stored(await fixtures.pdf(3), 'application/pdf');
    const { post, requests } = await publish({ media: { id: document.id, title: 'Q3 report' } });
    const urn = p.fake.assets.at(-1)!.urn;
    expect(urn).toMatch(/^urn:li:document:/);
    expectUpload(requests.slice(0, 3), 'document', urn, document.bytes, 'application/pdf');
    expect(requests.slice(3).map(requestLine)).toEqual(['POST /rest/posts']);
    expect(JSON.parse(requests[3]!.body).content).toEqual({ media: { id: urn, title: 'Q3 report' } });
    expect(post).toMatchObject({ status: 'PUBLISHED', publishAttempts: [{ outcome: 'PUBLISHED', uploadSteps: steps('document', urn) }] });
  });

  it('several images: each uploaded in order, then content.multiImage lists them in that order', async () => {
    const images = [
      await stored(await fixtures.png(), 'image/png', 'First'),
      await stored(await fixtures.jpeg(), 'image/jpeg'),
      await stored(await fixtures.gif(), 'image/gif', 'Third'),
    ];
    const { post, requests } = await publish({ multiImage: images.map(({ id }) => ({ id })) });
    const urns = p.fake.assets.slice(-3).map((a) => a.urn);
    expectUpload(requests.slice(0, 3), 'image', urns[0]!, images[0]!.bytes, 'image/png');
    expectUpload(requests.slice(3, 6), 'image', urns[1]!, images[1]!.bytes, 'image/jpeg');
    expectUpload(requests.slice(6, 9), 'image', urns[2]!, images[2]!.bytes, 'image/gif');
    expect(requests.slice(9).map(requestLine)).toEqual(['POST /rest/posts']);
    expect(JSON.parse(requests[9]!.body).content).toEqual({
      multiImage: { images: [{ id: urns[0], altText: 'First' }, { id: urns[1] }, { id: urns[2], altText: 'Third' }] },
    });
    expect(post.publishAttempts[0].uploadSteps).toEqual(urns.flatMap((urn) => steps('image', urn)));
  });

  it('a PUT that fails mid-way (the second image) is retried from the start, and LinkedIn gets exactly one post', async () => {
    const images = [await stored(await fixtures.png(), 'image/png'), await stored(await fixtures.png(60, 40), 'image/png')];
    const postsBefore = p.fake.posts.length;
    const assetsBefore = p.fake.assets.length;
    p.fake.enqueue({ kind: 'pass' }, 'upload');
    p.fake.enqueue({ kind: 'server_error', status: 503 }, 'upload');
    const { post, requests } = await publish({ multiImage: images.map(({ id }) => ({ id })) });
    const lines = requests.map(requestLine);
    expect(lines.filter((l) => l === 'POST /rest/posts')).toHaveLength(1);
    expect(lines.at(-1)).toBe('POST /rest/posts');
    expect(p.fake.posts.length).toBe(postsBefore + 1);
    const [first, second] = post.publishAttempts;
    // The first attempt uploaded the first image and started the second, whose PUT failed.
    expect(first).toMatchObject({ number: 1, outcome: 'RETRY' });
    expect(first.uploadSteps.map((s: { step: string }) => s.step)).toEqual(['initializeUpload', 'upload', 'available', 'initializeUpload']);
    expect(lines.slice(0, 5)).toEqual([
      'POST /rest/images?action=initializeUpload',
      `PUT /upload/images/${assetId(first.uploadSteps[0].urn)}`,
      `GET /rest/images/${encodeURIComponent(first.uploadSteps[0].urn)}`,
      'POST /rest/images?action=initializeUpload',
      `PUT /upload/images/${assetId(first.uploadSteps[3].urn)}`,
    ]);
    expect(second).toMatchObject({ number: 2, outcome: 'PUBLISHED' });
    expect(second.uploadSteps).toEqual([...steps('image', second.uploadSteps[0].urn), ...steps('image', second.uploadSteps[3].urn)]);
    const uploaded = p.fake.assets.slice(assetsBefore).filter((a) => a.status === 'AVAILABLE');
    expect(second.uploadSteps.filter((s: { step: string }) => s.step === 'available')).toHaveLength(2);
    expect(JSON.parse(requests.at(-1)!.body).content.multiImage.images.map((i: { id: string }) => i.id)).toEqual(uploaded.slice(-2).map((a) => a.urn));
    expect(post.linkedInUrn).toBe(p.fake.posts.at(-1)!.urn);
  });

  it('an image whose stored file is gone fails the attempt for good, saying so, and sends no post', async () => {
    const image = await stored(await fixtures.png(), 'image/png');
    const row = await p.t.app.db.prisma.media.findUniqueOrThrow({ where: { id: rawId(image.id) } });
    await rm(join(dir, row.storageKey));
    const { post, requests } = await publish({ media: { id: image.id } });
    expect(requests).toEqual([]);
    expect(post).toMatchObject({ status: 'FAILED', linkedInUrn: null, publishAttempts: [{ number: 1, outcome: 'FAILED', uploadSteps: [] }] });
    expect(post.publishAttempts[0].error).toContain('missing from the media storage');
  });
});
