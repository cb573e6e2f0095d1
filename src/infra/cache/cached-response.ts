/** A serialised GraphQL response as the cache keeps it: the exact bytes a client receives. */
export interface CachedResponse {
  /** The JSON body, byte for byte what the GraphQL server wrote on the miss. */
  body: string;
  /** Entity keys ("Post:<raw id>", or a bare typename for lists and empty lookups) the body depends on. */
  entities: string[];
  /** Epoch milliseconds after which the response must not be served. */
  expiresAt: number;
}

/** Redis value layout: expiry, entity keys, body; one string so a hit is a single GET. */
export function encodeCachedResponse(entry: CachedResponse): string {
  return `${entry.expiresAt}\n${entry.entities.join(' ')}\n${entry.body}`;
}

export function decodeCachedResponse(value: string): CachedResponse | undefined {
  const first = value.indexOf('\n');
  const second = value.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return undefined;
  const expiresAt = Number(value.slice(0, first));
  const entities = value.slice(first + 1, second);
  return Number.isFinite(expiresAt)
    ? { expiresAt, entities: entities ? entities.split(' ') : [], body: value.slice(second + 1) }
    : undefined;
}
