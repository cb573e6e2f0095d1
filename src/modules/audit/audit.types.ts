import type { AuditAction, AuditTargetType, SystemActorName } from './audit-actions.rules.js';

/** A member acting through the API: who, and the request (its X-Request-Id) that carries the change. */
export interface MemberActor {
  userId: string;
  requestId: string | null;
}

/** A process acting on its own, with the id of the request whose job it runs when there is one. */
export interface SystemActor {
  system: SystemActorName;
  requestId: string | null;
}

export type AuditActor = MemberActor | SystemActor;

/** One changed field: what it was and what it became, as short text (null: unset). */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** What a service records about one change. */
export interface AuditRecord {
  workspaceId: string;
  action: AuditAction;
  target: { type: AuditTargetType; id: string };
  changes?: AuditChange[];
}
