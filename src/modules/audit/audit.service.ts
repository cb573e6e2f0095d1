import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { AuditActor, AuditRecord } from './audit.types.js';

/** A transaction's client (or the client itself, for a change that is one statement anyway). */
type Writer = Pick<PrismaClient, 'auditEntry'>;

/**
 * Writes the audit entry of a change, with the same client (transaction) that makes the change, so
 * the entry exists exactly when the change does: call it inside the change's `$transaction`.
 */
export async function recordAudit(tx: Writer, actor: AuditActor, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      workspaceId: record.workspaceId,
      actorId: 'userId' in actor ? actor.userId : null,
      systemActor: 'system' in actor ? actor.system : null,
      action: record.action,
      targetType: record.target.type,
      targetId: record.target.id,
      changes: (record.changes ?? []) as unknown as Prisma.InputJsonValue,
      requestId: actor.requestId,
    },
    select: { id: true },
  });
}

/** What `Workspace.auditLog` filters on; every condition given must hold. */
export interface AuditFilter {
  actions?: readonly string[] | null;
  targetTypes?: readonly string[] | null;
  actorId?: string | null;
  targetId?: string | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** A workspace's entries matching `filter`, as a Prisma condition. */
export function auditWhere(workspaceId: string, filter: AuditFilter | null | undefined): Prisma.AuditEntryWhereInput {
  return {
    workspaceId,
    ...(filter?.actions?.length ? { action: { in: [...filter.actions] } } : {}),
    ...(filter?.targetTypes?.length ? { targetType: { in: [...filter.targetTypes] } } : {}),
    ...(filter?.actorId ? { actorId: filter.actorId } : {}),
    ...(filter?.targetId ? { targetId: filter.targetId } : {}),
    ...(filter?.createdAfter || filter?.createdBefore
      ? { createdAt: { ...(filter.createdAfter ? { gt: filter.createdAfter } : {}), ...(filter.createdBefore ? { lt: filter.createdBefore } : {}) } }
      : {}),
  };
}
