import { randomUUID } from 'node:crypto';
import type { Media, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import { violatedForeignKey } from '../../infra/db/foreign-key.js';
import type { Logger } from '../../infra/logger.js';
import type { Metrics } from '../../infra/metrics.js';
import { type MediaStorage, SIGNED_URL_TTL_SECONDS, type UploadTarget } from '../../infra/storage/media-storage.js';
import { conflict, isAppError, notFound } from '../../shared/errors.js';
import { postGlobalId } from '../../shared/global-id.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import type { AuditAction } from '../audit/audit-actions.rules.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';
import type { WorkspaceRole } from '../workspaces/workspace-permissions.rules.js';
import type { InspectedMedia } from './inspect-media.js';
import { acceptedType, checkQuota, checkSize, declaredTypeOf, kindLabel, MAX_BYTES, mediaInvalid } from './media.rules.js';
import { loadMediaInspector } from './media-inspector.js';
import { keysOf, objectKeysOf, thumbnailKeyBeside, uploadKeyOf } from './media-keys.rules.js';

export interface MediaServiceDeps {
  prisma: PrismaClient;
  storage: MediaStorage;
  /** Bytes one workspace's media may take, PENDING uploads counted at their announced size. */
  quotaBytes: number;
  metrics: Metrics;
  logger: Logger;
}

export interface UploadTicket {
  media: Media;
  target: UploadTarget;
}

/** Who uploads, and into which workspace (authorised by the caller). */
/** The member uploading (and their request, for the audit log) and the workspace the media goes to. */
export interface Uploader extends MemberActor {
  workspaceId: string;
}

/** What the audit log shows of a media. */
const described = (media: Pick<Media, 'kind' | 'status' | 'bytes' | 'altText'>) =>
  snapshot('after', { kind: media.kind, status: media.status, bytes: String(media.bytes), altText: media.altText });

/** A PUT may still be arriving when its URL expires: its upload is left this much longer. */
const ABANDONED_GRACE_MS = 5 * 60_000;

/**
 * Media of a workspace: uploaded whole (`upload`) or in two steps (`createUpload`, the client PUTs
 * the bytes to storage, `completeUpload`). Every file is judged by `inspectMedia`; a refused one
 * leaves no object and no row behind. Who may act on which media is the auth scopes' business.
 */
export function createMediaService({ prisma, storage, quotaBytes, metrics, logger }: MediaServiceDeps) {
  /** Writes the media row change and its audit entry in one transaction. */
  const audited = <T extends Media>(actor: MemberActor, action: AuditAction, write: (tx: Prisma.TransactionClient) => Promise<T>, changes = described) =>
    prisma.$transaction(async (tx) => {
      const media = await write(tx);
      await recordAudit(tx, actor, { workspaceId: media.workspaceId, action, target: { type: 'MEDIA', id: media.id }, changes: changes(media) });
      return media;
    });
  const usedBytes = async (workspaceId: string) => (await prisma.media.aggregate({ where: { workspaceId }, _sum: { bytes: true } }))._sum.bytes ?? 0;
  const find = async (id: string) => {
    const media = await prisma.media.findUnique({ where: { id } });
    if (!media) throw notFound('The media');
    return media;
  };

  /** Counts the outcome, and runs `work`: any refusal it throws is counted under its reason. */
  async function counted<T>(kind: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const reason = isAppError(error) && error.code === 'MEDIA_INVALID' ? String(error.extensions.reason) : 'error';
      metrics.mediaUploads.inc({ kind, outcome: reason.toLowerCase() });
      throw error;
    }
  }

  async function store(key: { storageKey: string; thumbnailKey: string }, media: InspectedMedia) {
    try {
      await storage.put(key.storageKey, media.original, media.contentType);
      await storage.put(key.thumbnailKey, media.thumbnail, 'image/webp');
    } catch (error) {
      await storage.delete([key.storageKey, key.thumbnailKey]).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes the objects of rows already gone; a storage failure only leaves unreachable bytes, so it is logged, never thrown. */
  async function deleteObjects(keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    await storage.delete(keys).catch((error: unknown) => logger.warn({ err: error, keys }, 'could not delete the objects of deleted media'));
  }

  const stored = (media: InspectedMedia) => {
    metrics.mediaUploads.inc({ kind: media.kind.toLowerCase(), outcome: 'stored' });
    metrics.mediaUploadBytes.inc({ kind: media.kind.toLowerCase() }, media.original.length);
  };

  const fields = (media: InspectedMedia) => ({
    kind: media.kind,
    contentType: media.contentType,
    bytes: media.original.length,
    width: media.width,
    height: media.height,
    pages: media.pages,
    sha256: media.sha256,
  });

  return {
    /**
     * Who uploaded the media and the user's role in its workspace (null outside it), for authorisation;
     * NOT_FOUND so a typo is never taken for a refusal.
     */
    async access(id: string, userId: string): Promise<{ ownerId: string | null; role: WorkspaceRole | null }> {
      const media = await prisma.media.findUnique({
        where: { id },
        select: { ownerId: true, workspace: { select: { members: { where: { userId }, select: { role: true } } } } },
      });
      if (!media) throw notFound('The media');
      return { ownerId: media.ownerId, role: media.workspace.members[0]?.role ?? null };
    },

    /** Stores a whole file sent with the request (a GraphQL multipart upload). */
    async upload(uploader: Uploader, file: { bytes: Buffer; declaredType?: string; altText?: string | null }): Promise<Media> {
      return counted(kindLabel(file.declaredType), async () => {
        checkQuota(await usedBytes(uploader.workspaceId), file.bytes.length, quotaBytes);
        const inspectMedia = await loadMediaInspector();
        const media = await inspectMedia(file.bytes, file.declaredType);
        const id = randomUUID();
        const keys = keysOf(uploader.workspaceId, id, media.extension);
        await store(keys, media);
        try {
          const row = await audited(uploader, 'MEDIA_UPLOADED', (tx) =>
            tx.media.create({
              data: {
                id,
                ownerId: uploader.userId,
                workspaceId: uploader.workspaceId,
                status: 'READY',
                altText: file.altText ?? null,
                ...keys,
                ...fields(media),
              },
            }),
          );
          stored(media);
          return row;
        } catch (error) {
          await storage.delete([keys.storageKey, keys.thumbnailKey]).catch(() => undefined);
          throw error;
        }
      });
    },

    /** Announces a two-step upload: a PENDING row and where to PUT exactly `bytes` bytes of `contentType`. */
    async createUpload(uploader: Uploader, input: { contentType: string; bytes: number; altText?: string | null }): Promise<UploadTicket> {
      const contentType = declaredTypeOf(input.contentType) ?? input.contentType;
      return counted(kindLabel(contentType), async () => {
        const { kind, extension } = acceptedType(contentType);
        checkSize(kind, input.bytes);
        checkQuota(await usedBytes(uploader.workspaceId), input.bytes, quotaBytes);
        const id = randomUUID();
        const { storageKey } = keysOf(uploader.workspaceId, id, extension);
        const media = await audited(uploader, 'MEDIA_UPLOAD_STARTED', (tx) =>
          tx.media.create({
            data: {
              id,
              ownerId: uploader.userId,
              workspaceId: uploader.workspaceId,
              kind,
              status: 'PENDING',
              contentType,
              bytes: input.bytes,
              altText: input.altText ?? null,
              storageKey,
            },
          }),
        );
        return { media, target: await storage.uploadTarget(uploadKeyOf(storageKey), contentType, input.bytes) };
      });
    },

    /** Verifies the bytes a client PUT for a PENDING upload exactly as `upload` would; refused, they are deleted with the row. */
    async completeUpload(id: string, actor: MemberActor): Promise<Media> {
      const pending = await find(id);
      if (pending.status === 'READY') return pending;
      const kind = pending.kind.toLowerCase();
      return counted(kind, async () => {
        const uploadKey = uploadKeyOf(pending.storageKey);
        const bytes = await storage.read(uploadKey, MAX_BYTES[pending.kind]);
        if (bytes === undefined) throw mediaInvalid('NOT_UPLOADED', 'No bytes were uploaded for this media yet: PUT them to the upload URL first.');
        const discard = async () => {
          await storage.delete([uploadKey]);
          await prisma.media.deleteMany({ where: { id, status: 'PENDING' } });
        };
        let media: InspectedMedia;
        try {
          if (bytes === 'too_large' || bytes.length > pending.bytes) {
            throw mediaInvalid('TOO_LARGE', `More bytes were uploaded than the ${pending.bytes} announced.`);
          }
          if (bytes.length < pending.bytes) throw mediaInvalid('TRUNCATED', `${bytes.length} bytes were uploaded of the ${pending.bytes} announced.`);
          const inspectMedia = await loadMediaInspector();
          media = await inspectMedia(bytes, pending.contentType);
        } catch (error) {
          await discard();
          throw error;
        }
        const thumbnailKey = thumbnailKeyBeside(pending.storageKey);
        await store({ storageKey: pending.storageKey, thumbnailKey }, media);
        await storage.delete([uploadKey]);
        const row = await audited(actor, 'MEDIA_UPLOADED', (tx) =>
          tx.media.update({ where: { id }, data: { status: 'READY', thumbnailKey, ...fields(media) } }),
        );
        stored(media);
        return row;
      });
    },

    async updateAltText(id: string, altText: string | null, actor: MemberActor): Promise<Media> {
      const before = await find(id);
      return audited(
        actor,
        'MEDIA_ALT_TEXT_CHANGED',
        async (tx) => {
          const { count } = await tx.media.updateMany({ where: { id }, data: { altText } });
          if (!count) throw notFound('The media');
          return tx.media.findUniqueOrThrow({ where: { id } });
        },
        (after) => changedFields({ altText: before.altText }, { altText: after.altText }),
      );
    },

    /**
     * Deletes the row, then its objects (an object left by a failed delete is unreachable, never a row
     * without bytes). CONFLICT, naming the post, while a post shows it: the post would lose its image.
     */
    async delete(id: string, actor: MemberActor): Promise<void> {
      const media = await find(id);
      const inUse = (postId?: string) =>
        conflict(`The media is attached to a post${postId ? ` (${postGlobalId(postId)})` : ''}: remove it from the post first.`);
      const using = await prisma.postAttachmentMedia.findFirst({ where: { mediaId: id }, select: { postId: true } });
      if (using) throw inUse(using.postId);
      try {
        await audited(
          actor,
          'MEDIA_DELETED',
          (tx) => tx.media.delete({ where: { id } }),
          (gone) => snapshot('before', { kind: gone.kind, bytes: String(gone.bytes) }),
        );
      } catch (error) {
        // Attached meanwhile, by a write that committed between the check and the delete.
        if (violatedForeignKey(error)) throw inUse();
        throw error;
      }
      await deleteObjects(objectKeysOf(media));
    },

    /**
     * Every object the media of these workspaces may have stored (original, thumbnail, a two-step
     * upload's bytes), read with `db` (the transaction that deletes the workspaces, so the rows are the
     * ones that go). Delete them with `deleteObjects` once that transaction has committed.
     */
    async objectsOfWorkspaces(db: Prisma.TransactionClient, workspaceIds: readonly string[]): Promise<string[]> {
      if (!workspaceIds.length) return [];
      const media = await db.media.findMany({ where: { workspaceId: { in: [...workspaceIds] } }, select: { storageKey: true, thumbnailKey: true } });
      return media.flatMap(objectKeysOf);
    },

    deleteObjects,

    readUrl: (key: string) => storage.readUrl(key),

    /** The stored bytes of READY media, for publishing them; throws when the row or its object is gone. */
    async read(id: string): Promise<{ bytes: Buffer; contentType: string }> {
      const media = await prisma.media.findUnique({ where: { id }, select: { status: true, kind: true, storageKey: true, contentType: true } });
      if (media?.status !== 'READY') throw new MediaUnavailableError(`The media ${id} is not stored (deleted, or not uploaded yet).`);
      const bytes = await storage.read(media.storageKey, MAX_BYTES[media.kind]);
      if (!Buffer.isBuffer(bytes)) throw new MediaUnavailableError(`The file of media ${id} is missing from the media storage.`);
      return { bytes, contentType: media.contentType };
    },

    /**
     * Two-step uploads never completed, once their upload URL has expired (no PUT can land any more):
     * their bytes and rows go, and stop counting against their owner's quota. Answers how many.
     */
    async sweepAbandoned(now = Date.now()): Promise<number> {
      const before = new Date(now - SIGNED_URL_TTL_SECONDS * 1000 - ABANDONED_GRACE_MS);
      const abandoned = await prisma.media.findMany({ where: { status: 'PENDING', createdAt: { lt: before } }, select: { id: true, storageKey: true } });
      for (const { id, storageKey } of abandoned) {
        await storage.delete([uploadKeyOf(storageKey)]);
        await prisma.media.deleteMany({ where: { id, status: 'PENDING' } });
      }
      return abandoned.length;
    },
  };
}

/** Media a post refers to that cannot be read (a bug or a storage mishap): retrying will not bring it back. */
export class MediaUnavailableError extends Error {
  override name = 'MediaUnavailableError';
}
