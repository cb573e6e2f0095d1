import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from '../helpers/log-lines.js';
import { markPublished } from '../helpers/publish.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as fixtures from '../media/fixtures.js';
import { uploadWithFetch } from '../media/upload-client.js';

/** Images and documents on posts: `media` and `multiImage` on the inputs, checked against the stored media. */
const ATTACHMENT = `attachment {
  __typename
  ... on MediaAttachment { title media { id kind altText } }
  ... on MultiImageAttachment { images { id kind } }
  ... on PollAttachment { question }
}`;
const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { id version analysis { warnings } ${ATTACHMENT} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id version analysis { warnings } ${ATTACHMENT} } }`;
const READ = `query ($id: ID!) { post(id: $id) { ${ATTACHMENT} } }`;
const DELETE_MEDIA = 'mutation ($id: ID!) { deleteMedia(id: $id) }';

/** Small enough to fill in a test, far above what the other tests here upload. */
const QUOTA = 2_000_000;

let t: TestApp;
let dir: string;
let author: { token: string; id: string };
let stranger: { token: string; id: string };
const { logger, lines } = capturedLogger('info');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lpa-media-posts-'));
  t = await createTestApp({ env: { MEDIA_DIR: dir, RATE_LIMIT_UPLOAD: '1000', MEDIA_QUOTA_BYTES: String(QUOTA) }, app: { logger } });
  author = await t.signUp('Illustrator');
  stranger = await t.signUp('Stranger');
});
afterAll(async () => {
  // Nothing a client sent is the server's failure.
  expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(token: string, kind: 'png' | 'pdf', options: { altText?: string; workspaceId?: string } = {}): Promise<string> {
  const bytes = kind === 'png' ? await fixtures.png() : await fixtures.pdf(2);
  if (options.workspaceId) {
    const form = new FormData();
    const query = 'mutation ($file: Upload!, $w: ID, $alt: String) { uploadMedia(file: $file, workspaceId: $w, altText: $alt) { id } }';
    form.set('operations', JSON.stringify({ query, variables: { file: null, w: options.workspaceId, alt: options.altText ?? null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([new Uint8Array(bytes)], { type: kind === 'png' ? 'image/png' : 'application/pdf' }), 'f');
    const res = (await (
      await t.fetch('/graphql', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, 'x-graphql-csrf': '1' } })
    ).json()) as any;
    if (!res.data?.uploadMedia) throw new Error(JSON.stringify(res.errors));
    return res.data.uploadMedia.id;
  }
  const { data, errors } = await uploadWithFetch(t, token, bytes, {
    type: kind === 'png' ? 'image/png' : 'application/pdf',
    name: 'f',
    altText: options.altText,
  });
  if (!data?.uploadMedia) throw new Error(JSON.stringify(errors));
  return data.uploadMedia.id;
}

const create = (input: Record<string, unknown>, token = author.token) =>
  t.gql<{ createPost: any }>(CREATE, { input: { content: 'A post with a picture', ...input } }, { token });
const update = (id: string, input: Record<string, unknown>, token = author.token) => t.gql<{ updatePost: any }>(UPDATE, { id, input }, { token });
const postCount = () => t.app.db.prisma.post.count();
const fieldsOf = (errors: any) => errors?.[0]?.extensions?.fields?.map((f: { path: string }) => f.path);

describe('media on posts', () => {
  it('one image: stored, read back as a MediaAttachment with its Media, and missing alt text is warned about', async () => {
    const image = await upload(author.token, 'png');
    const { data, errors } = await create({ media: { id: image } });
    expect(errors).toBeUndefined();
    expect(data!.createPost.attachment).toEqual({ __typename: 'MediaAttachment', title: null, media: { id: image, kind: 'IMAGE', altText: null } });
    expect(data!.createPost.analysis.warnings.some((w: string) => w.includes('no alt text'))).toBe(true);
    const read = await t.gql<{ post: any }>(READ, { id: data!.createPost.id }, { token: author.token });
    expect(read.data!.post.attachment.media.id).toBe(image);
  });

  it('adding the alt text afterwards clears the warning on the post carrying the image', async () => {
    const image = await upload(author.token, 'png');
    const { data } = await create({ media: { id: image } });
    const altWarnings = async () =>
      (
        await t.gql<{ post: any }>('query ($id: ID!) { post(id: $id) { analysis { warnings } } }', { id: data!.createPost.id }, { token: author.token })
      ).data!.post.analysis.warnings.filter((w: string) => w.includes('alt text'));
    expect(await altWarnings()).toHaveLength(1);
    const set = await t.gql('mutation ($id: ID!) { updateMediaAltText(id: $id, altText: "A blue square") { id } }', { id: image }, { token: author.token });
    expect(set.errors).toBeUndefined();
    expect(await altWarnings()).toEqual([]);
  });

  it('an image with alt text draws no alt-text warning', async () => {
    const image = await upload(author.token, 'png', { altText: 'A blue square' });
    const { data } = await create({ media: { id: image } });
    expect(data!.createPost.analysis.warnings.filter((w: string) => w.includes('alt text'))).toEqual([]);
  });

  it('a document needs a title, which it is then shown under', async () => {
    const document = await upload(author.token, 'pdf');
    const before = await postCount();
    const untitled = await create({ media: { id: document } });
    expect(untitled.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(untitled.errors)).toEqual(['input.media.title']);
    expect(await postCount()).toBe(before);
    const { data, errors } = await create({ media: { id: document, title: ' Q3 report ' } });
    expect(errors).toBeUndefined();
    expect(data!.createPost.attachment).toMatchObject({ __typename: 'MediaAttachment', title: 'Q3 report', media: { kind: 'DOCUMENT' } });
  });

  it('several images, in the order given', async () => {
    const images = [await upload(author.token, 'png'), await upload(author.token, 'png', { altText: 'x' }), await upload(author.token, 'png')];
    const { data, errors } = await create({ multiImage: images.map((id) => ({ id })) });
    expect(errors).toBeUndefined();
    expect(data!.createPost.attachment).toEqual({ __typename: 'MultiImageAttachment', images: images.map((id) => ({ id, kind: 'IMAGE' })) });
    expect(data!.createPost.analysis.warnings).toContain('2 of 3 images have no alt text; describe each for readers who use a screen reader.');
  });

  it('refuses what LinkedIn would not take or the caller may not use, naming each field, and changes nothing', async () => {
    const image = await upload(author.token, 'png');
    const other = await upload(author.token, 'png');
    const document = await upload(author.token, 'pdf');
    const strangers = await upload(stranger.token, 'png');
    const pending = (
      await t.gql<{ createUpload: { media: { id: string } } }>(
        'mutation { createUpload(input: { contentType: "image/png", bytes: 100 }) { media { id } } }',
        {},
        { token: author.token },
      )
    ).data!.createUpload.media.id;
    const before = await postCount();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ multiImage: [{ id: image }] }, ['input.multiImage']],
      [{ multiImage: Array.from({ length: 21 }, () => ({ id: image })) }, expect.arrayContaining(['input.multiImage']) as never],
      [{ multiImage: [{ id: image }, { id: other }, { id: image }] }, ['input.multiImage.2.id']],
      [{ multiImage: [{ id: image }, { id: other, title: 'no' }] }, ['input.multiImage.1.title']],
      [{ multiImage: [{ id: image }, { id: document }] }, ['input.multiImage.1.id']],
      [{ multiImage: [{ id: image }, { id: other }, { id: strangers }, { id: pending }] }, ['input.multiImage.2.id', 'input.multiImage.3.id']],
      [{ media: { id: strangers } }, ['input.media.id']],
      [{ media: { id: image }, poll: { question: 'Q?', options: ['a', 'b'], durationDays: 1 } }, ['input']],
    ];
    for (const [input, fields] of cases) {
      const { errors } = await create(input);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(errors), JSON.stringify(input)).toEqual(fields);
    }
    const wrongType = await create({ media: { id: author.id } });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await postCount()).toBe(before);
  });

  it('on update a kind replaces what was there and null removes it; a published post cannot change it', async () => {
    const image = await upload(author.token, 'png');
    const { data } = await create({ poll: { question: 'Which?', options: ['a', 'b'], durationDays: 1 } });
    const id = data!.createPost.id;
    const replaced = await update(id, { media: { id: image } });
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data!.updatePost.attachment.__typename).toBe('MediaAttachment');
    const refused = await update(id, { multiImage: [{ id: image }, { id: stranger.id }] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql<{ post: any }>(READ, { id }, { token: author.token })).data!.post.attachment.media.id).toBe(image);
    const cleared = await update(id, { media: null });
    expect(cleared.data!.updatePost.attachment).toBeNull();
    expect(await t.app.db.prisma.postAttachmentMedia.count({ where: { postId: decodeGlobalID(id).id } })).toBe(0);

    await update(id, { media: { id: image } });
    await markPublished(t, id);
    const published = await update(id, { media: null });
    expect(published.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('attaching media clears the warning that a long text post has nothing to look at', async () => {
    const content = `${'A long story about shipping software, one careful step at a time. '.repeat(25)}`;
    const { data } = await create({ content });
    const visual = (warnings: string[]) => warnings.filter((w) => w.includes('nothing to look at'));
    expect(visual(data!.createPost.analysis.warnings)).toHaveLength(1);
    const image = await upload(author.token, 'png', { altText: 'A chart' });
    const updated = await update(data!.createPost.id, { media: { id: image } });
    expect(visual(updated.data!.updatePost.analysis.warnings)).toEqual([]);
  });

  it('deleting media a post carries is CONFLICT naming the post; once removed from it, it deletes', async () => {
    const image = await upload(author.token, 'png');
    const { data } = await create({ media: { id: image } });
    const refused = await t.gql(DELETE_MEDIA, { id: image }, { token: author.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(data!.createPost.id);
    expect(await t.app.db.prisma.media.count({ where: { id: decodeGlobalID(image).id } })).toBe(1);
    await update(data!.createPost.id, { media: null });
    const deleted = await t.gql<{ deleteMedia: string }>(DELETE_MEDIA, { id: image }, { token: author.token });
    expect(deleted.data?.deleteMedia).toBe(image);
  });

  it('deleting a post frees its media', async () => {
    const image = await upload(author.token, 'png');
    const { data } = await create({ media: { id: image } });
    await t.gql('mutation ($id: ID!) { deletePost(id: $id) }', { id: data!.createPost.id }, { token: author.token });
    expect((await t.gql(DELETE_MEDIA, { id: image }, { token: author.token })).errors).toBeUndefined();
  });
});

describe('media in a shared workspace', () => {
  let workspace: string;
  let editor: { token: string; id: string };
  let viewer: { token: string; id: string };
  beforeAll(async () => {
    editor = await t.signUp('Editor');
    viewer = await t.signUp('Viewer');
    workspace = (
      await t.gql<{ createWorkspace: { id: string } }>('mutation { createWorkspace(input: { name: "Studio" }) { id } }', {}, { token: author.token })
    ).data!.createWorkspace.id;
    for (const [user, role] of [
      [editor, 'EDITOR'],
      [viewer, 'VIEWER'],
    ] as const) {
      await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(user.id).id, role } });
    }
  });

  it("an EDITOR's upload is the workspace's: members see it, the author attaches it to a post there, a VIEWER cannot upload", async () => {
    const image = await upload(editor.token, 'png', { workspaceId: workspace, altText: 'Logo' });
    const node = 'query ($id: ID!) { node(id: $id) { ... on Media { altText } } }';
    expect((await t.gql<{ node: any }>(node, { id: image }, { token: viewer.token })).data!.node).toEqual({ altText: 'Logo' });
    expect((await t.gql<{ node: any }>(node, { id: image }, { token: stranger.token })).data!.node).toBeNull();
    const listing = 'query ($w: ID!) { workspace(id: $w) { media(first: 10) { edges { node { id } } } } }';
    const listed = await t.gql<{ workspace: any }>(listing, { w: workspace }, { token: viewer.token });
    expect(listed.data!.workspace.media.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(image);
    const { data, errors } = await create({ workspaceId: workspace, media: { id: image } });
    expect(errors).toBeUndefined();
    expect(data!.createPost.attachment.media.id).toBe(image);
    await expect(upload(viewer.token, 'png', { workspaceId: workspace })).rejects.toThrow(/FORBIDDEN/);
  });

  it("media of another workspace (the author's personal one) cannot go on the workspace's posts", async () => {
    const personal = await upload(author.token, 'png');
    const { errors } = await create({ workspaceId: workspace, media: { id: personal } });
    expect(fieldsOf(errors)).toEqual(['input.media.id']);
  });

  it("deleting an account takes its personal workspace's posts and media together; its media in a shared workspace stays there", async () => {
    const leaving = await t.signUp('Leaving');
    await t.app.db.prisma.workspaceMember.create({
      data: { workspaceId: decodeGlobalID(workspace).id, userId: decodeGlobalID(leaving.id).id, role: 'EDITOR' },
    });
    const personal = await upload(leaving.token, 'png');
    await create({ media: { id: personal } }, leaving.token);
    const shared = await upload(leaving.token, 'png', { workspaceId: workspace });
    await create({ workspaceId: workspace, media: { id: shared } }, leaving.token);
    const deleted = await t.gql('mutation { deleteAccount(password: "correct horse battery") }', {}, { token: leaving.token });
    expect(deleted.errors).toBeUndefined();
    expect(await t.app.db.prisma.media.findUnique({ where: { id: decodeGlobalID(personal).id } })).toBeNull();
    expect(await t.app.db.prisma.media.findUnique({ where: { id: decodeGlobalID(shared).id } })).toMatchObject({ ownerId: null });
  });
  it("the quota counts the workspace's media: a full workspace refuses, the uploader's personal one still takes files", async () => {
    const used = (await t.app.db.prisma.media.aggregate({ where: { workspaceId: decodeGlobalID(workspace).id }, _sum: { bytes: true } }))._sum.bytes!;
    // A PENDING upload announcing what is left fills the workspace up to its quota.
    const fill = await t.gql(
      'mutation ($w: ID!, $bytes: Int!) { createUpload(input: { contentType: "application/pdf", bytes: $bytes, workspaceId: $w }) { url } }',
      { w: workspace, bytes: QUOTA - used },
      { token: editor.token },
    );
    expect(fill.errors).toBeUndefined();
    await expect(upload(editor.token, 'png', { workspaceId: workspace })).rejects.toThrow(/QUOTA_EXCEEDED/);
    expect(await upload(editor.token, 'png')).toBeTruthy();
  });
});
