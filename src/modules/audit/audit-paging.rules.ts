import { badField } from '../../shared/errors.js';

/** An entry's place in the log: newest first, the id breaking ties within a millisecond. */
export interface AuditKey {
  createdAt: Date;
  id: string;
}

const PREFIX = 'audit:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor holding the entry's sort key, so paging is keyset (no offset) and stable as entries arrive. */
export const auditCursor = ({ createdAt, id }: AuditKey): string => Buffer.from(`${PREFIX}${createdAt.getTime()}:${id}`).toString('base64url');

/** The sort key inside a cursor; BAD_USER_INPUT (at `path`) for anything this log did not hand out. */
export function decodeAuditCursor(cursor: string, path: string): AuditKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [millis, id] = text.startsWith(PREFIX) ? text.slice(PREFIX.length).split(':') : [];
  const createdAt = new Date(Number(millis));
  if (!millis || !/^\d+$/.test(millis) || Number.isNaN(createdAt.getTime()) || !id || !UUID.test(id)) {
    throw badField(path, 'is not a cursor of this audit log');
  }
  return { createdAt, id };
}

/** Entries after `key` in the log's order (older, or as old with a smaller id). */
export const olderThan = ({ createdAt, id }: AuditKey) => ({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });

/** The log's order; the indexes on (workspace_id[, actor_id | target_id], created_at DESC, id DESC) serve it. */
export const AUDIT_ORDER = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** Entries before `key` in the log's order (newer, or as new with a larger id). */
export const newerThan = ({ createdAt, id }: AuditKey) => ({ OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] });
