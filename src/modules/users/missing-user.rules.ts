import { violatedForeignKey } from '../../infra/db/foreign-key.js';
import { unauthenticated } from '../../shared/errors.js';

// Prisma names a foreign key <table>_<column>_fkey, and every reference to users is a user_id or author_id column.
const REFERENCES_USERS = /_(user|author)_id_fkey$/;

/**
 * A write that failed because its user no longer exists: their account was deleted while a request
 * of theirs was under way, or before another instance learned that its sessions ended. The caller is
 * nobody now, which is UNAUTHENTICATED, not a server fault.
 */
export function missingUserError(error: unknown) {
  const constraint = violatedForeignKey(error);
  return constraint && REFERENCES_USERS.test(constraint) ? unauthenticated('This account no longer exists.') : undefined;
}
