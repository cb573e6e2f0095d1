import type { Prisma } from '../../generated/prisma/client.js';
import { conflict, notFound } from '../../shared/errors.js';

/**
 * Locks the post's row until the transaction ends, provided it is still as it was read: NOT_FOUND when
 * it is gone, CONFLICT when another change committed since (its version moved on). Every transition
 * writes only under this check, so of two concurrent ones the second changes nothing.
 */
export async function lockAsSeen(tx: Prisma.TransactionClient, seen: { id: string; version: number }): Promise<void> {
  const [locked] = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM posts WHERE id = ${seen.id}::uuid FOR NO KEY UPDATE`;
  if (!locked) throw notFound('Post');
  if (locked.version !== seen.version) throw conflict('The post changed at the same time; read it again and retry.');
}
