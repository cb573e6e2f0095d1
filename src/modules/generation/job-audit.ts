import type { Prisma } from '../../generated/prisma/client.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MemberActor } from '../audit/audit.types.js';
import { changedFields, snapshot } from '../audit/audit-changes.rules.js';

type Tx = Prisma.TransactionClient;

/** What the audit log shows of a job asked for: the topic and tone, and whether the cache answered it at once. */
export function recordJobRequested(tx: Tx, actor: MemberActor, job: { id: string; workspaceId: string; topic: string; tone: string; status: string }) {
  return recordAudit(tx, actor, {
    workspaceId: job.workspaceId,
    action: 'GENERATION_REQUESTED',
    target: { type: 'GENERATION_JOB', id: job.id },
    changes: snapshot('after', { topic: job.topic, tone: job.tone, status: job.status }),
  });
}

export function recordJobCancelled(tx: Tx, actor: MemberActor, job: { id: string; workspaceId: string; status: string }) {
  return recordAudit(tx, actor, {
    workspaceId: job.workspaceId,
    action: 'GENERATION_CANCELLED',
    target: { type: 'GENERATION_JOB', id: job.id },
    changes: changedFields({ status: job.status }, { status: 'CANCELLED' }),
  });
}

/** The entries of jobs that were never queued after all (the queue refused them): the request changed nothing. */
export function forgetJobsRequested(tx: Tx, jobIds: string[]) {
  return tx.auditEntry.deleteMany({ where: { action: 'GENERATION_REQUESTED', targetType: 'GENERATION_JOB', targetId: { in: jobIds } } });
}
