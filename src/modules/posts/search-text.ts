/** Plain ASCII words only: no quotes, exclusions or operators, whose order websearch_to_tsquery would keep. */
const PLAIN_WORDS = /^[A-Za-z0-9\s]+$/;

/**
 * The one spelling of a search every equivalent search shares: plain words are ANDed and ranked by
 * cover density, which ignores their order and case, so "Hiring leadership" and "leadership hiring"
 * get the same page. Anything else (phrases, -exclusions, OR) is left as written.
 */
export function canonicalSearchText(value: unknown): unknown {
  if (typeof value !== 'string' || !PLAIN_WORDS.test(value)) return value;
  const words = value.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.includes('or')) return value;
  return words.sort().join(' ');
}
