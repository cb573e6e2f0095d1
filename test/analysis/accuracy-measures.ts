import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import type { LanguageDetector } from '../../src/modules/analysis/language-detectors.js';
import type { SentimentLabel } from '../../src/modules/analysis/sentiment.js';
import languageSamples from './fixtures/languages.json' with { type: 'json' };
import sentimentSamples from './fixtures/sentiment.json' with { type: 'json' };

/** Texts of at least this many words are what the language floor is asserted on. */
export const LONG_TEXT_WORDS = 20;

export interface Accuracy {
  correct: number;
  total: number;
  rate: number;
}

export interface LanguageAccuracy {
  long: Accuracy;
  all: Accuracy;
  errors: string[];
}

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'];

export interface SentimentAccuracy extends Accuracy {
  /** confusion[expected][predicted] */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
  errors: string[];
}

function accuracy(correct: number, total: number): Accuracy {
  return { correct, total, rate: total === 0 ? 0 : correct / total };
}

export function measureLanguage(detect: (text: string) => string): LanguageAccuracy {
  let correct = 0;
  let longCorrect = 0;
  let longTotal = 0;
  const errors: string[] = [];
  for (const { text, language } of languageSamples) {
    const isLong = text.split(/\s+/).length >= LONG_TEXT_WORDS;
    const ok = detect(text) === language;
    if (isLong) longTotal += 1;
    if (ok) {
      correct += 1;
      if (isLong) longCorrect += 1;
    } else {
      errors.push(`${language} → ${detect(text)}: ${text.slice(0, 60)}`);
    }
  }
  return { long: accuracy(longCorrect, longTotal), all: accuracy(correct, languageSamples.length), errors };
}

export const viaDetector = (detector: LanguageDetector) => (text: string) => detector(text).language;

export function measureSentiment(): SentimentAccuracy {
  const confusion = Object.fromEntries(
    SENTIMENT_LABELS.map((expected) => [expected, Object.fromEntries(SENTIMENT_LABELS.map((predicted) => [predicted, 0]))]),
  ) as SentimentAccuracy['confusion'];
  const errors: string[] = [];
  let correct = 0;
  for (const { text, label } of sentimentSamples) {
    const expected = label as SentimentLabel;
    const predicted = analyzeText(text).sentiment.label;
    confusion[expected][predicted] += 1;
    if (predicted === expected) correct += 1;
    else errors.push(`${expected} → ${predicted}: ${text.slice(0, 70)}`);
  }
  return { ...accuracy(correct, sentimentSamples.length), confusion, errors };
}
