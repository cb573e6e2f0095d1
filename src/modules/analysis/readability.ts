import { countSyllables } from './syllables.js';
import { stripSyntax } from './text-patterns.js';
import { words } from './words.js';

/** A Flesch-style formula from average sentence length (words) and average word length (syllables). */
type ReadingEase = (wordsPerSentence: number, syllablesPerWord: number) => number;

const FORMULAS: Readonly<Record<string, ReadingEase>> = {
  // Flesch (1948).
  en: (wps, spw) => 206.835 - 1.015 * wps - 84.6 * spw,
  // Fernández-Huerta (1959) in its corrected form: the published 1.02 multiplies words per sentence.
  es: (wps, spw) => 206.84 - 1.02 * wps - 60 * spw,
  // Amstad (1978).
  de: (wps, spw) => 180 - wps - 58.5 * spw,
  // Kandel & Moles (1958).
  fr: (wps, spw) => 207 - 1.015 * wps - 73.6 * spw,
  // Franchina & Vacca (1972).
  it: (wps, spw) => 217 - 1.3 * wps - 60 * spw,
  // Douma (1960).
  nl: (wps, spw) => 206.835 - 0.93 * wps - 77 * spw,
  // Martins et al. (1996), Brazilian Portuguese.
  pt: (wps, spw) => 248.835 - 1.015 * wps - 84.6 * spw,
};

/** Sentence ends: terminal punctuation before a space, or a line break (LinkedIn lines rarely end in a full stop). */
const SENTENCE_END = /[.!?…。！？]+(?=\s|$)|\n+/u;
const HAS_LETTER = /\p{L}/u;

/** Flesch reading ease (language-specific variant), rounded to 0.1; null when unsupported or nothing to read. */
export function readingEase(text: string, language: string): number | null {
  const formula = FORMULAS[language];
  if (!formula) return null;
  let sentences = 0;
  let wordCount = 0;
  let syllables = 0;
  for (const sentence of stripSyntax(text).split(SENTENCE_END)) {
    const sentenceWords = words(sentence).filter((word) => HAS_LETTER.test(word));
    if (sentenceWords.length === 0) continue;
    sentences += 1;
    wordCount += sentenceWords.length;
    for (const word of sentenceWords) syllables += countSyllables(word, language);
  }
  if (sentences === 0) return null;
  return Math.round(formula(wordCount / sentences, syllables / wordCount) * 10) / 10;
}
