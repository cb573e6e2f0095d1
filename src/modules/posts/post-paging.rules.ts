import type { Prisma } from '../../generated/prisma/client.js';
import { badField } from '../../shared/errors.js';

/**
 * Keyset paging for every list of posts. A cursor holds the sort key of the row it points at, not
 * the row's identity, so it stays valid when that row is deleted or leaves the list: the next page
 * is "the rows beyond this key", whatever still exists.
 *
 * A cursor is base64url of the JSON `[1, list, ...key]`: the format version, the list whose order
 * the key belongs to, and the key itself (a creation instant is epoch milliseconds).
 */

export type PostOrder = 'NEWEST' | 'OLDEST' | 'MOST_ENGAGED' | 'SCHEDULED';
/** A list with its own order: a PostOrder, or search's relevance ranking. */
export type PostList = PostOrder | 'SEARCH';

/** What a page asks for: its cursors as the client sent them, how many rows to read, which way. */
export interface PageWindow {
  after?: string;
  before?: string;
  /** Rows to read: the page size plus one, which tells whether there is more. */
  limit: number;
  /** Read from the end backwards (`last`): the rows come in reverse list order. */
  inverted: boolean;
}

/** The sort key of a row; `engagements` is null for a post without a totals row, `rank` only in search. */
export interface PostKey {
  id: string;
  createdAt: Date;
  engagements?: number | null;
  rank?: number;
  /** Null for a post never scheduled. */
  scheduledAt?: Date | null;
}

type KeyName = keyof PostKey;
type KeyValue = string | number | null;
interface KeyPart {
  name: KeyName;
  descending: boolean;
  /** NULL sorts as PostgreSQL sorts it by default: above every value. */
  nullable?: boolean;
}

const CURSOR_VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const desc = (name: KeyName, nullable?: boolean): KeyPart => ({ name, descending: true, nullable });
const asc = (name: KeyName, nullable?: boolean): KeyPart => ({ name, descending: false, nullable });

/** Each list's sort key, most significant first; the id makes every key unique. */
export const SORT_KEYS: Record<PostList, readonly KeyPart[]> = {
  NEWEST: [desc('createdAt'), desc('id')],
  OLDEST: [asc('createdAt'), asc('id')],
  MOST_ENGAGED: [desc('engagements', true), desc('createdAt'), desc('id')],
  // Soonest first; posts never scheduled (NULL) after every scheduled one.
  SCHEDULED: [asc('scheduledAt', true), asc('id')],
  SEARCH: [desc('rank'), desc('createdAt'), asc('id')],
};

const integerIn = (min: number, max: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** What a key part can hold: anything else would fail in the database, not on the client's side. */
const VALID: Record<KeyName, (value: unknown) => boolean> = {
  id: (v) => typeof v === 'string' && UUID.test(v),
  // 1970 to 9999, which every driver writes as a plain ISO date.
  createdAt: integerIn(0, Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
  // An int4 column.
  engagements: (v) => v === null || integerIn(0, 2 ** 31 - 1)(v),
  rank: (v) => typeof v === 'number' && Number.isFinite(v),
  scheduledAt: (v) => v === null || integerIn(0, Date.UTC(9999, 11, 31, 23, 59, 59, 999))(v),
};

function keyValue(row: PostKey, name: KeyName): KeyValue {
  if (name === 'createdAt') return row.createdAt.getTime();
  if (name === 'scheduledAt') return row.scheduledAt?.getTime() ?? null;
  return row[name] ?? null;
}

/** The cursor of a row in `list`. */
export function postCursor(list: PostList, row: PostKey): string {
  const key = SORT_KEYS[list].map(({ name }) => keyValue(row, name));
  return Buffer.from(JSON.stringify([CURSOR_VERSION, list, ...key])).toString('base64url');
}

/** The key a cursor of `list` holds; BAD_USER_INPUT naming `argument` for anything else. */
function decodeCursor(list: PostList, cursor: string, argument: 'after' | 'before'): KeyValue[] {
  const parts = SORT_KEYS[list];
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const valid =
    Array.isArray(payload) &&
    payload.length === parts.length + 2 &&
    payload[0] === CURSOR_VERSION &&
    payload[1] === list &&
    parts.every(({ name }, i) => VALID[name](payload[i + 2]));
  if (!valid) throw badField(argument, `not a cursor of this list${list === 'SEARCH' ? '' : ` in ${list} order`}: use a cursor this list returned`);
  return (payload as KeyValue[]).slice(2);
}

/** How one backend says "this key part is less than, greater than, equal to, or not null". */
export interface KeyConditions<C> {
  compare(name: KeyName, op: 'lt' | 'gt' | 'lte' | 'gte' | 'equals', value: string | number): C;
  isNull(name: KeyName, isNull: boolean): C;
  and(conditions: C[]): C;
  or(conditions: C[]): C;
}

/**
 * The rows strictly after (or before) `key` in list order: for each part, the parts before it
 * equal and this one beyond, NULL counting as above every value (last ascending, first
 * descending). A leading bound on the first part, implied by the rest, lets an index range start
 * at the cursor rather than filter its way up to it.
 */
function beyond<C>(parts: readonly KeyPart[], key: KeyValue[], side: 'after' | 'before', c: KeyConditions<C>): C {
  const equal = (name: KeyName, v: KeyValue) => (v === null ? c.isNull(name, true) : c.compare(name, 'equals', v));
  const alternatives: C[] = [];
  parts.forEach(({ name, descending, nullable }, i) => {
    const v = key[i] ?? null;
    const below = (side === 'after') === descending;
    let strict: C | undefined;
    if (v === null) strict = below ? c.isNull(name, false) : undefined;
    else strict = below || !nullable ? c.compare(name, below ? 'lt' : 'gt', v) : c.or([c.compare(name, 'gt', v), c.isNull(name, true)]);
    if (strict !== undefined) alternatives.push(c.and([...parts.slice(0, i).map((p, j) => equal(p.name, key[j] ?? null)), strict]));
  });
  const [first] = parts;
  const lead = key[0];
  if (!first || lead === null || lead === undefined || first.nullable) return c.or(alternatives);
  const bound = c.compare(first.name, (side === 'after') === first.descending ? 'lte' : 'gte', lead);
  return c.and([bound, c.or(alternatives)]);
}

/** The conditions a page's cursors put on the rows of `list`: beyond `after` and short of `before`. */
export function pageConditions<C>(list: PostList, window: Pick<PageWindow, 'after' | 'before'>, c: KeyConditions<C>): C[] {
  const parts = SORT_KEYS[list];
  return [
    ...(window.after ? [beyond(parts, decodeCursor(list, window.after, 'after'), 'after', c)] : []),
    ...(window.before ? [beyond(parts, decodeCursor(list, window.before, 'before'), 'before', c)] : []),
  ];
}

/** Refuses a window whose cursors are not of `list` (for rows read before the window was looked at). */
export function checkCursors(list: PostList, window: Pick<PageWindow, 'after' | 'before'>): void {
  if (window.after) decodeCursor(list, window.after, 'after');
  if (window.before) decodeCursor(list, window.before, 'before');
}

const prismaConditions: KeyConditions<Prisma.PostWhereInput> = {
  compare: (name, op, value) => {
    if (name === 'engagements') return { totals: { is: { engagements: { [op]: value } } } };
    if (name === 'createdAt' || name === 'scheduledAt') return { [name]: { [op]: new Date(value) } };
    return { [name]: { [op]: value } };
  },
  isNull: (name, isNull) => {
    if (name === 'scheduledAt') return { scheduledAt: isNull ? null : { not: null } };
    return isNull ? { totals: { is: null } } : { totals: { isNot: null } };
  },
  and: (conditions) => (conditions.length === 1 ? conditions[0]! : { AND: conditions }),
  or: (conditions) => (conditions.length === 1 ? conditions[0]! : { OR: conditions }),
};

const PRISMA_ORDER: Record<Exclude<KeyName, 'rank'>, (direction: Prisma.SortOrder) => Prisma.PostOrderByWithRelationInput> = {
  id: (direction) => ({ id: direction }),
  createdAt: (direction) => ({ createdAt: direction }),
  engagements: (direction) => ({ totals: { engagements: direction } }),
  scheduledAt: (direction) => ({ scheduledAt: direction }),
};

/** The Prisma arguments that read one page of a list of posts in `order`, matching `where`. */
export function postPageQuery(order: PostOrder, window: PageWindow, where: Prisma.PostWhereInput) {
  return {
    where: { AND: [where, ...pageConditions(order, window, prismaConditions)] },
    orderBy: SORT_KEYS[order].map(({ name, descending }) => PRISMA_ORDER[name as Exclude<KeyName, 'rank'>](descending !== window.inverted ? 'desc' : 'asc')),
    take: window.limit,
  } satisfies Prisma.PostFindManyArgs;
}

type PostSelection = { select?: Prisma.PostSelect; include?: Prisma.PostInclude };
type TotalsSelection = Prisma.PostInclude['totals'];

/** The selection a resolver planned, plus what a cursor of `order` is made of. */
export function selectingSortKey<Q extends PostSelection>(query: Q, order: PostOrder): Q {
  const totals = (planned: TotalsSelection): TotalsSelection => {
    if (!planned) return { select: { engagements: true } };
    return planned === true || !planned.select ? planned : { ...planned, select: { ...planned.select, engagements: true } };
  };
  const needsTotals = SORT_KEYS[order].some((part) => part.name === 'engagements');
  if (query.select)
    return {
      ...query,
      select: { ...query.select, id: true, createdAt: true, scheduledAt: true, ...(needsTotals ? { totals: totals(query.select.totals) } : {}) },
    };
  return needsTotals ? { ...query, include: { ...query.include, totals: totals(query.include?.totals) } } : query;
}

/** The sort key of a post read with `selectingSortKey`. */
export const postKeyOf = (post: { id: string; createdAt: Date; scheduledAt?: Date | null; totals?: { engagements: number } | null }): PostKey => ({
  id: post.id,
  createdAt: post.createdAt,
  engagements: post.totals?.engagements ?? null,
  scheduledAt: post.scheduledAt ?? null,
});
