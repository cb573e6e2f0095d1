import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../../src/graphql/global-id.js';
import { capturedLogger } from '../helpers/log-lines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import * as fixtures from './fixtures.js';
import { mediaStorages } from './media-storages.js';
import { COMPLETE_UPLOAD, CREATE_UPLOAD, putBytes, type UploadTicketShape, uploadWithFetch } from './upload-client.js';

const PASSWORD = 'correct horse battery';
const DELETE = 'mutation ($password: String!) { deleteAccount(password: $password) }';
const media = mediaStorages('account');
const storages = {
  local: {
    ...media.local,
    /** A directory where a file's key is: removing that key fails. */
    async break(key: string) {
      await rm(join(media.mediaDir(), key), { force: true });
      await mkdir(join(media.mediaDir(), key));
      await writeFile(join(media.mediaDir(), key, 'blocker'), 'x');
    },
  },
  s3: {
    ...media.s3,
    /** The bucket goes away altogether. */
    break: (_key: string) => media.stopS3(),
  },
};

describe.each(Object.entries(storages))('deleteAccount with media in %s storage', (_name, storage) => {
  let t: TestApp;
  const { logger, lines } = capturedLogger('info');

  beforeAll(async () => {
    t = await createTestApp({ env: storage.env(), app: { logger } });
  });
  afterAll(async () => {
    // A storage failure is a WARN: the account is gone all the same.
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    await t?.close();
  });

  const rawId = (globalId: string) => decodeId(globalId).id;
  const workspaceGlobalId = (id: string) => Buffer.from(`Workspace:${id}`).toString('base64');
  const keysUnder = (keys: string[], workspaceId: string) => keys.filter((key) => key.startsWith(`media/${workspaceId}/`));

  /** A two-step upload; PUT only (left PENDING, its bytes under the `upload` key) unless `complete`. */
  async function twoStep(token: string, workspaceId: string | undefined, complete: boolean) {
    const bytes = await fixtures.png();
    const announced = await t.gql<{ createUpload: UploadTicketShape }>(
      CREATE_UPLOAD,
      { input: { contentType: 'image/png', bytes: bytes.length, ...(workspaceId ? { workspaceId: workspaceGlobalId(workspaceId) } : {}) } },
      { token },
    );
    expect(announced.errors).toBeUndefined();
    expect((await putBytes(t, announced.data!.createUpload, bytes)).status).toBe(200);
    if (complete) expect((await t.gql(COMPLETE_UPLOAD, { id: announced.data!.createUpload.media.id }, { token })).errors).toBeUndefined();
  }

  /** A user with an uploaded image, a READY two-step upload and a PENDING one in their personal workspace. */
  async function withMedia(name: string) {
    const user = await t.signUp(name);
    const { errors } = await uploadWithFetch(t, user.token, await fixtures.jpeg(), { type: 'image/jpeg', name: 'photo.jpg' });
    expect(errors).toBeUndefined();
    await twoStep(user.token, undefined, true);
    await twoStep(user.token, undefined, false);
    return { ...user, personal: await t.app.services.workspaces.personalWorkspaceId(rawId(user.id)) };
  }

  it('deletes the files of the workspaces that go with the account; a shared workspace that stays keeps the files they uploaded to it', async () => {
    const leaving = await withMedia('Leaving');
    const staying = await withMedia('Staying');
    const created = await t.gql<{ createWorkspace: { id: string } }>(
      'mutation { createWorkspace(input: { name: "Shared" }) { id } }',
      {},
      { token: staying.token },
    );
    const shared = rawId(created.data!.createWorkspace.id);
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: shared, userId: rawId(leaving.id), role: 'EDITOR' } });
    await twoStep(leaving.token, shared, true);

    const before = await storage.stored();
    // Original and thumbnail of two READY media, and the bytes PUT for the PENDING one.
    expect(keysUnder(before, leaving.personal)).toHaveLength(5);
    expect(keysUnder(before, shared)).toHaveLength(2);

    const deleted = await t.gql(DELETE, { password: PASSWORD }, { token: leaving.token });
    expect(deleted.errors).toBeUndefined();

    const after = await storage.stored();
    expect(keysUnder(after, leaving.personal)).toEqual([]);
    expect(after).toEqual(before.filter((key) => !key.startsWith(`media/${leaving.personal}/`)));
    expect(await t.app.db.prisma.media.count({ where: { workspaceId: leaving.personal } })).toBe(0);
    // Their media in the shared workspace stays, without an uploader.
    expect(await t.app.db.prisma.media.findMany({ where: { workspaceId: shared }, select: { ownerId: true } })).toEqual([{ ownerId: null }]);
  });

  it('a deletion refused (the only OWNER of a shared workspace) deletes no file', async () => {
    const owner = await withMedia('Owner');
    const created = await t.gql<{ createWorkspace: { id: string } }>(
      'mutation { createWorkspace(input: { name: "Team" }) { id } }',
      {},
      { token: owner.token },
    );
    const member = await t.signUp('Member');
    await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(created.data!.createWorkspace.id), userId: rawId(member.id), role: 'EDITOR' } });
    const before = await storage.stored();
    const refused = await t.gql(DELETE, { password: PASSWORD }, { token: owner.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await storage.stored()).toEqual(before);
    expect(keysUnder(before, owner.personal)).toHaveLength(5);
  });

  it('a storage failure is logged as a WARN naming the keys, and never fails the deletion', async () => {
    const leaving = await withMedia('Unlucky');
    const media = await t.app.db.prisma.media.findFirstOrThrow({ where: { workspaceId: leaving.personal, status: 'READY' } });
    await storage.break(media.storageKey);
    const deleted = await t.gql(DELETE, { password: PASSWORD }, { token: leaving.token });
    expect(deleted.errors).toBeUndefined();
    expect(await t.app.db.prisma.user.count({ where: { id: rawId(leaving.id) } })).toBe(0);
    const warning = lines.find((line) => line.level === 'warn' && line.msg === 'could not delete the objects of deleted media');
    expect(warning).toBeDefined();
    expect((warning as unknown as { keys: string[] }).keys).toEqual(expect.arrayContaining([media.storageKey]));
  });
});
