import type { PrismaClient } from '../../infra/db/database.js';
import { type KeyConditions, type PageWindow, type PostKey, pageConditions, SORT_KEYS } from './post-paging.rules.js';

/** Search ranks at most this many of the newest matches, so a page costs the same for common and rare words. */
export const SEARCH_RANK_WINDOW = 1000;

/** Whose posts a search may match besides the published ones, and whether their archived ones count. */
export interface SearchScope {
  viewerId: string | undefined;
  includeArchived: boolean;
}

/** Published posts, plus those of the viewer's workspaces in any status (ARCHIVED only when asked for). */
function searchScope(text: string, { viewerId, includeArchived }: SearchScope): { visible: string; params: unknown[] } {
  if (!viewerId) return { visible: `status = 'PUBLISHED'`, params: [text] };
  const members = 'workspace_id IN (SELECT workspace_id FROM workspace_members WHERE user_id = $2::uuid)';
  const own = includeArchived ? members : `(${members} AND status <> 'ARCHIVED')`;
  return { visible: `(status = 'PUBLISHED' OR ${own})`, params: [text, viewerId] };
}

/** A search match with its sort key: relevance, then recency. */
export interface SearchHit {
  id: string;
  createdAt: Date;
  rank: number;
}

const SQL_COLUMN: Record<keyof PostKey, string> = { id: 'id', createdAt: 'created_at', rank: 'rank', engagements: 'engagements', scheduledAt: 'scheduled_at' };
const SQL_CAST: Record<keyof PostKey, string> = {
  id: '::uuid',
  createdAt: '::timestamptz',
  rank: '::float8',
  engagements: '::int',
  scheduledAt: '::timestamptz',
};
const SQL_OPERATOR = { lt: '<', gt: '>', lte: '<=', gte: '>=', equals: '=' } as const;

/** Key conditions as SQL over the columns of SQL_COLUMN, their values appended to `params`. */
function sqlConditions(params: unknown[]): KeyConditions<string> {
  const placeholder = (name: keyof PostKey, value: string | number) => {
    params.push(name === 'createdAt' || name === 'scheduledAt' ? new Date(value).toISOString() : value);
    return `$${params.length}${SQL_CAST[name]}`;
  };
  return {
    compare: (name, op, value) => `${SQL_COLUMN[name]} ${SQL_OPERATOR[op]} ${placeholder(name, value)}`,
    isNull: (name, isNull) => `${SQL_COLUMN[name]} IS ${isNull ? '' : 'NOT '}NULL`,
    and: (conditions) => `(${conditions.join(' AND ')})`,
    or: (conditions) => (conditions.length ? `(${conditions.join(' OR ')})` : 'FALSE'),
  };
}

/** Full-text search over the posts a viewer may see: ranked pages and the number of matches. */
export function createPostSearch(prisma: PrismaClient, searchRankWindow = SEARCH_RANK_WINDOW) {
  return {
    /**
     * Ranked full-text search over visible posts: one page, best match first (last first when the
     * window is inverted), among the `searchRankWindow` most recent matches. Ranking every match of
     * a common word means reading and scoring a large part of the table; walking the recency index
     * stops after the window. Each row comes with its sort key, for its cursor.
     */
    async searchPage(text: string, scope: SearchScope, window: PageWindow): Promise<SearchHit[]> {
      const { visible, params } = searchScope(text, scope);
      const conditions = pageConditions('SEARCH', window, sqlConditions(params));
      const direction = (descending: boolean) => (descending !== window.inverted ? 'DESC' : 'ASC');
      return prisma.$queryRawUnsafe<SearchHit[]>(
        `SELECT id, created_at AS "createdAt", rank FROM (
           SELECT id, created_at, ts_rank_cd(search_vector, websearch_to_tsquery('english', $1))::float8 AS rank
             FROM posts
            WHERE search_vector @@ websearch_to_tsquery('english', $1) AND ${visible}
            ORDER BY created_at DESC, id
            LIMIT ${searchRankWindow}
         ) AS recent
         WHERE ${conditions.length ? conditions.join(' AND ') : 'TRUE'}
         ORDER BY ${SORT_KEYS.SEARCH.map(({ name, descending }) => `${SQL_COLUMN[name]} ${direction(descending)}`).join(', ')}
         LIMIT ${Math.trunc(window.limit)}`,
        ...params,
      );
    },

    /** How many visible posts match (all of them, not only the ranked window); asked only when selected. */
    async searchCount(text: string, scope: SearchScope): Promise<number> {
      const { visible, params } = searchScope(text, scope);
      const [row] = await prisma.$queryRawUnsafe<{ total: bigint }[]>(
        `SELECT count(*) AS total FROM posts WHERE search_vector @@ websearch_to_tsquery('english', $1) AND ${visible}`,
        ...params,
      );
      return Number(row?.total ?? 0);
    },
  };
}
