import type { ContentFacts } from './content-warnings.js';
import { extractHashtags, normalizeHashtags } from './hashtags.rules.js';
import { extractHook } from './hook.js';
import { extractKeywords, type Keyword } from './keywords.js';
import { detectLanguage } from './language.js';
import { readingEase } from './readability.js';
import { analyzeSentiment, type Sentiment } from './sentiment.js';
import { suggestHashtags } from './suggested-hashtags.js';
import { warningsFor } from './warnings.js';
import { countCharacters, countWords } from './words.js';

/** The stored (JSONB) and served analysis of one version of a post's text. */
export interface PostAnalysis {
  /** ISO 639-1, or "und" when the text is too short or the detector is unsure. */
  language: string;
  sentiment: Sentiment;
  /** Most relevant first, at most 10, scores 0..1 relative to the best. */
  keywords: Keyword[];
  /** 3–5 hashtags (without '#') the post does not use yet; fewer only for texts with too little in them. */
  suggestedHashtags: string[];
  /** Flesch reading ease (the language's own variant); null for other languages or text without sentences. */
  readability: number | null;
  /** Unicode code points, as LinkedIn counts against its 3,000 limit. */
  characterCount: number;
  wordCount: number;
  /** The text above LinkedIn's "see more" fold. */
  hook: string;
  /** Advice for the author, one human-readable sentence each. */
  warnings: string[];
}

export interface AnalyzeOptions {
  /** The post's own hashtags, already normalised. */
  hashtags?: readonly string[];
  /** Hashtags popular across all posts, to prefer when they fit the text. */
  popularHashtags?: readonly string[];
  /** What the post carries (article, poll, media) or TEXT, for the warnings that depend on it. */
  content?: ContentFacts;
}

export type { ContentFacts, Keyword, Sentiment };

/** Analyses a post's text; pure, synchronous and cheap enough to run on every create and update. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): PostAnalysis {
  const language = detectLanguage(text);
  const keywords = extractKeywords(text, language);
  const hashtags = normalizeHashtags([...extractHashtags(text), ...(options.hashtags ?? [])]);
  const characterCount = countCharacters(text);
  return {
    language,
    sentiment: analyzeSentiment(text, language),
    keywords,
    suggestedHashtags: suggestHashtags({ text, keywords, existing: hashtags, popular: options.popularHashtags ?? [] }),
    readability: readingEase(text, language),
    characterCount,
    wordCount: countWords(text),
    hook: extractHook(text),
    warnings: warningsFor({ text, characterCount, hashtags, content: options.content }),
  };
}
