import { decodeId } from '../../src/graphql/global-id.js';
import type { TestApp } from './test-app.js';

/**
 * Makes a post PUBLISHED the way a successful LinkedIn publish job leaves it (status, date,
 * cache eviction), for tests about reading published posts that are not about publishing.
 */
export async function markPublished(t: TestApp, globalId: string): Promise<void> {
  const { id } = decodeId(globalId);
  await t.app.db.prisma.post.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt: new Date(), version: { increment: 1 } } });
  await t.app.services.cache.invalidate([{ typename: 'Post', id }, { typename: 'Post' }, { typename: 'Node' }]);
}
