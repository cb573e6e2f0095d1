/** LinkedIn hashtags: letters, digits and underscores, stored without '#', compared case-insensitively. */
const HASHTAG_BODY = /^[\p{L}\p{N}_]{1,100}$/u;
const HASHTAG_IN_TEXT = /(?:^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]{1,100})/gu;

/** Already normalised: NFKC, trimming and lower-casing leave these unchanged. */
const PLAIN_HASHTAG = /^[a-z0-9_]{1,100}$/;

/** `#Remote-Work ` → `remotework`; null when nothing usable is left. */
export function normalizeHashtag(raw: string): string | null {
  if (PLAIN_HASHTAG.test(raw)) return raw;
  const body = raw
    .normalize('NFKC')
    .trim()
    .replace(/^#+/, '')
    .replace(/[^\p{L}\p{N}_]/gu, '')
    .toLowerCase();
  return HASHTAG_BODY.test(body) ? body : null;
}

/** Normalised, de-duplicated, in first-seen order. */
export function normalizeHashtags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of raw) {
    const normalized = normalizeHashtag(tag);
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}

/** Hashtags written inline in a post's text (`... #AI and #remoteWork`). */
export function extractHashtags(text: string): string[] {
  return normalizeHashtags([...text.matchAll(HASHTAG_IN_TEXT)].map((m) => m[1] ?? ''));
}
