import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as fixtures from './fixtures.js';
import { CREATE_UPLOAD, filesUnder, uploadWithFetch } from './upload-client.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-media-limits-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One sample of a Prometheus counter from /metrics, 0 when absent. */
async function sample(t: TestApp, name: string, labels: string): Promise<number> {
  const text = await (await t.fetch('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('upload quotas, rate limits and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MEDIA_DIR: dir, MEDIA_QUOTA_BYTES: '60000', RATE_LIMIT_UPLOAD: '6' } });
  });
  afterAll(() => t?.close());

  it('MEDIA_QUOTA_BYTES: refuses an upload past the user’s quota with QUOTA_EXCEEDED, storing nothing; other users keep theirs', async () => {
    const user = await t.signUp();
    const image = await fixtures.jpeg(200, 150);
    const first = await uploadWithFetch(t, user.token, image, { type: 'image/jpeg', name: 'a.jpg' });
    expect(first.errors).toBeUndefined();
    const left = 60_000 - first.data!.uploadMedia.bytes;
    const fits = await t.gql<{ createUpload: { url: string } }>(
      CREATE_UPLOAD,
      { input: { contentType: 'application/pdf', bytes: left } },
      { token: user.token },
    );
    expect(fits.errors).toBeUndefined();
    // The PENDING upload above counts at its announced size: nothing more fits.
    const announced = await t.gql(CREATE_UPLOAD, { input: { contentType: 'application/pdf', bytes: 1 } }, { token: user.token });
    expect(announced.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason: 'QUOTA_EXCEEDED' });
    const before = await filesUnder(dir);
    const big = await fixtures.pdf(2);
    const refused = await uploadWithFetch(t, user.token, big, { type: 'application/pdf', name: 'big.pdf' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_INVALID', reason: 'QUOTA_EXCEEDED' });
    expect(await filesUnder(dir)).toEqual(before);
    const other = await t.signUp();
    expect((await uploadWithFetch(t, other.token, image, { type: 'image/jpeg', name: 'a.jpg' })).errors).toBeUndefined();
  });

  it('RATE_LIMIT_UPLOAD: uploadMedia and createUpload share one budget per user; refusals and stored bytes are counted in /metrics', async () => {
    const user = await t.signUp();
    const storedBefore = await sample(t, 'lpa_media_uploads_total', 'kind="image",outcome="stored"');
    const bytesBefore = await sample(t, 'lpa_media_upload_bytes_total', 'kind="image"');
    const mismatchedBefore = await sample(t, 'lpa_media_uploads_total', 'kind="image",outcome="mismatched_type"');
    const png = await fixtures.png();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await uploadWithFetch(t, user.token, png, { type: 'image/png', name: 'a.png' }));
    answers.push(await uploadWithFetch(t, user.token, png, { type: 'image/jpeg', name: 'a.jpg' }));
    for (let i = 0; i < 2; i++) answers.push(await t.gql(CREATE_UPLOAD, { input: { contentType: 'image/png', bytes: 10 } }, { token: user.token }));
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toEqual([]);
    const limited = await uploadWithFetch(t, user.token, png, { type: 'image/png', name: 'a.png' });
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await sample(t, 'lpa_media_uploads_total', 'kind="image",outcome="stored"')).toBe(storedBefore + 3);
    expect(await sample(t, 'lpa_media_uploads_total', 'kind="image",outcome="mismatched_type"')).toBe(mismatchedBefore + 1);
    const stored = answers.slice(0, 3).reduce((sum, answer) => sum + (answer.data as { uploadMedia: { bytes: number } }).uploadMedia.bytes, 0);
    expect(await sample(t, 'lpa_media_upload_bytes_total', 'kind="image"')).toBe(bytesBefore + stored);
  });
});
