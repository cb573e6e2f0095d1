import { type DefaultConnectionArguments, parseCursorConnectionArgs, resolveCursorConnection } from '@pothos/plugin-relay';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/builder.js';
import { badField } from '../../shared/errors.js';
import { type PageWindow, type PostKey, type PostList, postCursor } from './post-paging.rules.js';

/**
 * The Relay side of keyset paging, shared by every Post connection: which rows a page's arguments
 * ask for, and the connection made of them.
 *
 * `first`/`after` read forward and `last`/`before` backward; `after` and `before` together bound
 * the page on both sides. pageInfo is exact in the direction read, from one extra row. In the other
 * direction it is what Relay's spec lets a server answer cheaply: reading forward, hasPreviousPage
 * is true exactly when `after` was given (the client came from somewhere), and reading backward,
 * hasNextPage is true exactly when `before` was given; no statement is spent on either.
 */

/** The window a connection's arguments ask for; `first` and `last` together are refused. */
export function pageWindow(args: DefaultConnectionArguments): PageWindow {
  if (args.first != null && args.last != null) throw badField('last', 'give first (reading forward) or last (reading backward), not both');
  const { after, before, limit, inverted } = parseCursorConnectionArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
  return { after, before, limit, inverted };
}

/** One page of `list`: `load` reads the rows of the window (in reverse when inverted), at most `limit`. */
export async function resolvePostPage<T>(
  list: PostList,
  args: DefaultConnectionArguments,
  keyOf: (row: NoInfer<T>) => PostKey,
  load: (window: PageWindow) => Promise<T[]>,
) {
  pageWindow(args);
  const connection = await resolveCursorConnection(
    { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, toCursor: (row: T) => postCursor(list, keyOf(row)) },
    (window: PageWindow) => load(window),
  );
  // An empty page read without a cursor has none to give back (the helper would say "").
  const { startCursor, endCursor } = connection.pageInfo;
  return { ...connection, pageInfo: { ...connection.pageInfo, startCursor: startCursor || null, endCursor: endCursor || null } };
}
