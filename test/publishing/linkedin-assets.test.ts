import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLinkedInApiError } from '../../src/modules/publishing/linkedin-api-error.js';
import { createLinkedInAssets, type UploadStep } from '../../src/modules/publishing/linkedin-assets.js';
import { createLinkedInClient } from '../../src/modules/publishing/linkedin-client.js';
import { mediaContent, multiImageContent } from '../../src/modules/publishing/linkedin-content.js';
import { uploadStoredMedia } from '../../src/modules/publishing/publish-content.js';
import { DEFAULT_MEMBER, type FakeLinkedIn, startFakeLinkedIn } from '../fakes/linkedin-server.js';

/** LinkedIn's Images and Documents APIs, and posts carrying what they uploaded, against the fake over real HTTP. */
let fake: FakeLinkedIn;
let token: string;
const owner = `urn:li:person:${DEFAULT_MEMBER.sub}`;
const PNG = Buffer.from('89504e470d0a1a0a00ff10', 'hex');
const PDF = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj', 'latin1');

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  token = fake.issueAccessToken();
});
afterAll(() => fake?.close());

const options = () => ({ apiBaseUrl: fake.url, linkedInVersion: '202510', timeoutMs: 2000 });
const assets = (extra: { maxPolls?: number } = {}) => createLinkedInAssets({ ...options(), pollIntervalMs: 10, ...extra });
const client = () => createLinkedInClient(options());
const since = (start: number) => fake.requests.slice(start).map((r) => `${r.method} ${r.path}`);

describe("LinkedIn's Images and Documents APIs", () => {
  it('initialise, PUT the bytes to the upload URL, read the status until AVAILABLE, with the headers LinkedIn requires', async () => {
    const start = fake.requests.length;
    const steps: UploadStep[] = [];
    const urn = await assets().uploadImage({ accessToken: token, owner, bytes: PNG, contentType: 'image/png', onStep: (s) => steps.push(s) });

    expect(urn).toMatch(/^urn:li:image:\d+$/);
    const id = urn.split(':').at(-1);
    expect(since(start)).toEqual(['POST /rest/images?action=initializeUpload', `PUT /upload/images/${id}`, `GET /rest/images/${encodeURIComponent(urn)}`]);
    const [init, put, status] = fake.requests.slice(start);
    expect(JSON.parse(init!.body)).toEqual({ initializeUploadRequest: { owner } });
    for (const request of [init!, status!]) {
      expect(request.headers).toMatchObject({ authorization: `Bearer ${token}`, 'linkedin-version': '202510', 'x-restli-protocol-version': '2.0.0' });
    }
    expect(put!.headers).toMatchObject({ authorization: `Bearer ${token}`, 'content-type': 'image/png' });
    expect(fake.assets.find((a) => a.urn === urn)).toMatchObject({ status: 'AVAILABLE', owner, contentType: 'image/png', bytes: PNG });
    expect(steps.map(({ step, urn: u, polls }) => ({ step, urn: u, polls }))).toEqual([
      { step: 'initializeUpload', urn, polls: undefined },
      { step: 'upload', urn, polls: undefined },
      { step: 'available', urn, polls: 1 },
    ]);
  });

  it('wait while the asset is PROCESSING, and give up (retryably) when it stays so past the last read', async () => {
    fake.enqueue({ kind: 'processing', reads: 2 }, 'upload');
    const steps: UploadStep[] = [];
    await assets().uploadImage({ accessToken: token, owner, bytes: PNG, contentType: 'image/png', onStep: (s) => steps.push(s) });
    expect(steps.at(-1)).toMatchObject({ step: 'available', polls: 3 });

    fake.enqueue({ kind: 'processing', reads: 5 }, 'upload');
    const stuck = await assets({ maxPolls: 2 })
      .uploadImage({ accessToken: token, owner, bytes: PNG, contentType: 'image/png' })
      .catch((error: unknown) => error);
    expect(isLinkedInApiError(stuck) && stuck.retryable).toBe(true);
  });

  it('a failed PUT of the bytes is a retryable error; uploading as someone else is refused for good', async () => {
    fake.enqueue({ kind: 'server_error', status: 503 }, 'upload');
    const failed = await assets()
      .uploadImage({ accessToken: token, owner, bytes: PNG, contentType: 'image/png' })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ status: 503, retryable: true });

    const other = await assets()
      .uploadDocument({ accessToken: token, owner: 'urn:li:person:someoneElse', bytes: PDF, contentType: 'application/pdf' })
      .catch((error: unknown) => error);
    expect(other).toMatchObject({ status: 403, retryable: false });
  });

  it('a stored document is read from the media source, uploaded through /rest/documents and posted as content.media with its title', async () => {
    const start = fake.requests.length;
    const stored = new Map([['doc-1', { bytes: PDF, contentType: 'application/pdf' }]]);
    const source = { read: async (mediaId: string) => stored.get(mediaId)! };
    const urn = await uploadStoredMedia(assets(), source, { id: 'doc-1', kind: 'DOCUMENT' }, { accessToken: token, owner, onStep: () => {} });
    expect(fake.assets.find((a) => a.urn === urn)?.bytes).toEqual(PDF);
    expect(urn).toMatch(/^urn:li:document:\d+$/);
    expect(since(start)[0]).toBe('POST /rest/documents?action=initializeUpload');

    const created = await client().createPost({
      accessToken: token,
      author: owner,
      commentary: 'Our Q3 report, in full',
      visibility: 'PUBLIC',
      content: mediaContent({ urn, title: 'Q3 report' }),
    });
    const body = JSON.parse(fake.requests.at(-1)!.body);
    expect(body.content).toEqual({ media: { id: urn, title: 'Q3 report' } });
    expect(fake.posts.find((p) => p.urn === created.urn)?.content).toEqual({ media: { id: urn, title: 'Q3 report' } });
  });

  it('one image with alt text as content.media, several as content.multiImage, in order', async () => {
    const upload = () => assets().uploadImage({ accessToken: token, owner, bytes: PNG, contentType: 'image/png' });
    const [first, second] = [await upload(), await upload()];
    await client().createPost({
      accessToken: token,
      author: owner,
      commentary: 'One picture',
      visibility: 'PUBLIC',
      content: mediaContent({ urn: first, altText: 'A whiteboard full of arrows' }),
    });
    expect(JSON.parse(fake.requests.at(-1)!.body).content).toEqual({ media: { id: first, altText: 'A whiteboard full of arrows' } });

    await client().createPost({
      accessToken: token,
      author: owner,
      commentary: 'Two pictures',
      visibility: 'PUBLIC',
      content: multiImageContent([{ urn: first, altText: 'Before' }, { urn: second }]),
    });
    expect(JSON.parse(fake.requests.at(-1)!.body).content).toEqual({ multiImage: { images: [{ id: first, altText: 'Before' }, { id: second }] } });
    expect(fake.posts.at(-1)?.commentary).toBe('Two pictures');
  });

  it('the fake refuses content that names an asset that is not AVAILABLE (so the tests above prove the order)', async () => {
    const result = await client()
      .createPost({ accessToken: token, author: owner, commentary: 'Too early', visibility: 'PUBLIC', content: mediaContent({ urn: 'urn:li:image:999999' }) })
      .catch((error: unknown) => error);
    expect(result).toMatchObject({ status: 422, retryable: false });
  });
});
