import { MAX_SUGGESTED_HASHTAG_LENGTH, MAX_SUGGESTED_HASHTAGS, MIN_SUGGESTED_HASHTAGS } from './analysis-rules.js';
import { normalizeHashtag, normalizeHashtags } from './hashtags.rules.js';
import type { Keyword } from './keywords.js';
import { stripSyntax } from './text-patterns.js';
import { words } from './words.js';

export interface HashtagSources {
  text: string;
  keywords: readonly Keyword[];
  /** Hashtags the post already has (inline and attached), normalised. */
  existing: readonly string[];
  /** Hashtags popular across all posts, most popular first. */
  popular: readonly string[];
}

/** Three concatenated words ("#jobslastyear") no longer read as a topic. */
const MAX_WORDS_PER_HASHTAG = 2;

/**
 * Up to five hashtags the post does not use yet, best first: popular hashtags that the text or its
 * keywords mention, then keywords of one or two words, then the single words of longer keywords,
 * and only to reach three, popular hashtags that do not match. Fewer than three only when the text
 * and the popular list together offer no more.
 */
export function suggestHashtags({ text, keywords, existing, popular }: HashtagSources): string[] {
  const terms = keywords.map((keyword) => keyword.term.split(' '));
  const fromKeywords = terms.filter((term) => term.length <= MAX_WORDS_PER_HASHTAG).map((term) => normalizeHashtag(term.join('')));
  const fromWords = terms.flat().map((word) => normalizeHashtag(word));
  const popularTags = normalizeHashtags(popular);
  const relevant = popularTags.length > 0 ? relevantTags(text, fromKeywords) : new Set<string | null>();

  const taken = new Set(existing);
  const suggestions: string[] = [];
  const offer = (candidates: readonly (string | null)[], until: number): void => {
    for (const tag of candidates) {
      if (suggestions.length >= until) return;
      if (!tag || taken.has(tag) || [...tag].length > MAX_SUGGESTED_HASHTAG_LENGTH || /^\p{N}+$/u.test(tag)) continue;
      taken.add(tag);
      suggestions.push(tag);
    }
  };
  offer(
    popularTags.filter((tag) => relevant.has(tag)),
    MAX_SUGGESTED_HASHTAGS,
  );
  offer(fromKeywords, MAX_SUGGESTED_HASHTAGS);
  offer(fromWords, MAX_SUGGESTED_HASHTAGS);
  offer(popularTags, MIN_SUGGESTED_HASHTAGS);
  return suggestions;
}

/** What the post is about as hashtags: its keywords and each distinct word of its prose. */
function relevantTags(text: string, fromKeywords: readonly (string | null)[]): Set<string | null> {
  const relevant = new Set(fromKeywords);
  for (const word of new Set(words(stripSyntax(text)))) relevant.add(normalizeHashtag(word));
  return relevant;
}
