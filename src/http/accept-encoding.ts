/** The content codings the edge compresses with, in its order of preference when a client weighs them equally. */
export type ContentCoding = 'br' | 'gzip';

const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];

/** Each coding's weight as the header lists it (`*` included); absent from the map: not named. */
function weights(header: string): Map<string, number> {
  const named = new Map<string, number>();
  for (const item of header.split(',')) {
    const [name = '', ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    named.set(name, Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0);
  }
  return named;
}

/**
 * The coding to answer with under this Accept-Encoding (RFC 9110, 12.5.3), or undefined for the body as
 * it is: none without the header; otherwise the acceptable coding (q > 0, by name or through `*`) with
 * the highest weight, br on a tie, unless the client weighs `identity` above it.
 */
export function preferredCoding(header: string | undefined): ContentCoding | undefined {
  if (!header) return undefined;
  const named = weights(header);
  const any = named.get('*');
  let best: ContentCoding | undefined;
  let bestWeight = 0;
  for (const coding of CODINGS) {
    const weight = named.get(coding) ?? any ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  // Only an explicit weight on identity competes: the bare body is the fallback, not a preference.
  const identity = named.get('identity');
  return identity !== undefined && identity > bestWeight ? undefined : best;
}
