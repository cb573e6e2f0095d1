import { normalizeHashtag } from '../analysis/hashtags.rules.js';

export const MIN_HASHTAGS = 3;
const MAX_HASHTAGS = 5;
/** Longer tags are unreadable and rarely followed; capping them lets the post reserve room for three. */
const MAX_HASHTAG_CHARS = 25;
/** Room kept free for "\n\n#tag #tag #tag" in the worst case. */
export const HASHTAG_RESERVE = 2 + MIN_HASHTAGS * (MAX_HASHTAG_CHARS + 1) - 1;

/** Words that make no hashtag, in the languages the writers are asked for most; shorter words never do. */
const STOPWORDS = new Set(
  [
    'a an and are as at be but by for from how in into is it its of on or our the their this to up we what when why with without your you about after before more most new over than that these those vs versus',
    'para pero como sobre desde entre hasta cuando donde porque esta este esto estos estas nuestro nuestra sus más menos sin',
    'und oder aber für mit ohne über unter nach beim einer eines einem einen eine dass wenn warum wie sich nicht mehr sind',
    'pour avec sans dans sous vers entre quand comme mais notre votre leur leurs plus moins sont cette ces',
    'para pelo pela pelos pelas como sobre desde entre quando onde porque esta este isto nosso nossa seus suas mais menos sem',
  ]
    .join(' ')
    .split(' '),
);

/** Whole topic as one tag when short, then its significant words, longest (usually most specific) first. */
export function topicHashtags(topic: string): string[] {
  const words = topic.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const tags: string[] = [];
  if (words.length <= 3) tags.push(words.join(''));
  tags.push(...words.filter((w) => w.length >= 4 && !STOPWORDS.has(w.toLowerCase())).sort((a, b) => b.length - a.length));
  return tags;
}

/**
 * Picks 3–5 tags from candidates in priority order, normalised and de-duplicated, keeping only
 * tags with a letter and at most MAX_HASHTAG_CHARS, and only as many as fit in `room` characters
 * once written as "\n\n#a #b #c".
 */
export function pickHashtags(candidates: readonly string[], room: number): string[] {
  const picked: string[] = [];
  let used = 1;
  for (const raw of candidates) {
    const tag = normalizeHashtag(raw);
    if (!tag || picked.includes(tag) || tag.length < 2 || tag.length > MAX_HASHTAG_CHARS || !/\p{L}/u.test(tag)) continue;
    if (used + tag.length + 2 > room) continue;
    picked.push(tag);
    used += tag.length + 2;
    if (picked.length === MAX_HASHTAGS) break;
  }
  return picked;
}
