/** A serialised GraphQL response as the cache keeps it: the exact bytes a client receives. */
export interface CachedResponse {
  /** The JSON body, byte for byte what the GraphQL server wrote on the miss. */
  body: string;
  /** Entity keys ("Post:<raw id>", or a bare typename for lists and empty lookups) the body depends on. */
  entities: string[];
  /** Epoch milliseconds after which the response must not be served. */
  expiresAt: number;
  /**
   * For a response stored under the key every caller shares: the sessions ("user:<id>") whose own
   * answer would differ (an author sees their unpublished data), who must look up their own key instead.
   */
  except?: string[];
}

/** Whether a caller with this session (null: anonymous) may be served the entry. */
export function servesSession(entry: CachedResponse, session: string | null): boolean {
  return session === null || !entry.except?.includes(session);
}

/** Redis value layout: expiry, entity keys, excepted sessions, body; one string so a hit is a single GET. */
export function encodeCachedResponse(entry: CachedResponse): string {
  return `${entry.expiresAt}\n${entry.entities.join(' ')}\n${entry.except?.join(' ') ?? ''}\n${entry.body}`;
}

export function decodeCachedResponse(value: string): CachedResponse | undefined {
  const first = value.indexOf('\n');
  const second = value.indexOf('\n', first + 1);
  const third = value.indexOf('\n', second + 1);
  if (first < 0 || second < 0 || third < 0) return undefined;
  const expiresAt = Number(value.slice(0, first));
  const entities = value.slice(first + 1, second);
  const except = value.slice(second + 1, third);
  return Number.isFinite(expiresAt)
    ? { expiresAt, entities: entities ? entities.split(' ') : [], ...(except ? { except: except.split(' ') } : {}), body: value.slice(third + 1) }
    : undefined;
}
