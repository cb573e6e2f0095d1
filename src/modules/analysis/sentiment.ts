import { SENTIMENT_NEGATIVE_UPTO, SENTIMENT_NON_ENGLISH_THRESHOLD, SENTIMENT_POSITIVE_FROM } from './analysis-rules.js';
import { stopwordsFor } from './stopwords.js';
import { URL_PATTERN } from './text-patterns.js';
import { polarityScores } from './vader/polarity.js';

export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';

export interface Sentiment {
  label: SentimentLabel;
  compound: number;
  positive: number;
  neutral: number;
  negative: number;
}

/**
 * VADER's lexicon is English. On other languages it only recognises emoji, emoticons, loanwords and
 * cognates ("super", "fantastico") — and English false friends: German/Dutch "die" scores as very
 * negative, Spanish/Italian "no" negates. So for other languages the language's own stop words
 * (where the false friends live) are removed first, and a label other than NEUTRAL needs a clearly
 * stronger compound score than VADER's ±0.05. Undetermined text is mostly very short and is judged
 * as English, where emoji and interjections are the only signal anyway.
 */
export function analyzeSentiment(text: string, language: string): Sentiment {
  const english = language === 'en' || language === 'und';
  const prose = text.replace(URL_PATTERN, ' ');
  const scores = polarityScores(english ? prose : withoutStopwords(prose, language));
  const threshold = english ? null : SENTIMENT_NON_ENGLISH_THRESHOLD;
  return {
    label: labelFor(scores.compound, threshold),
    compound: scores.compound,
    positive: scores.pos,
    neutral: scores.neu,
    negative: scores.neg,
  };
}

function labelFor(compound: number, threshold: number | null): SentimentLabel {
  if (compound >= (threshold ?? SENTIMENT_POSITIVE_FROM)) return 'POSITIVE';
  if (compound <= (threshold === null ? SENTIMENT_NEGATIVE_UPTO : -threshold)) return 'NEGATIVE';
  return 'NEUTRAL';
}

function withoutStopwords(text: string, language: string): string {
  const stopwords = stopwordsFor(language);
  return text
    .split(/(\s+)/)
    .filter((token) => !stopwords.has(token.replace(/[^\p{L}\p{N}'’]/gu, '').toLowerCase()))
    .join('');
}
