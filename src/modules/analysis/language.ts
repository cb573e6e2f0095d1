import { LANGUAGE_IDEOGRAPH_WEIGHT, LANGUAGE_MIN_LETTERS, LANGUAGE_MIN_MARGIN, LANGUAGE_SAMPLE_CHARACTERS } from './analysis-rules.js';
import { detectWithEld } from './language-detectors.js';
import { stripSyntax } from './text-patterns.js';
import { countIdeographs } from './words.js';

const LETTER = /\p{L}/gu;

/**
 * eld is the detector in use: on test/analysis/fixtures/languages.json it was the most accurate
 * of tinyld, eld and franc on short posts, and the fastest (see test/analysis/accuracy.ts).
 */
export function detectLanguage(text: string): string {
  const prose = firstCodePoints(stripSyntax(text), LANGUAGE_SAMPLE_CHARACTERS);
  const letters = prose.match(LETTER)?.length ?? 0;
  const weightedLetters = letters + countIdeographs(prose) * (LANGUAGE_IDEOGRAPH_WEIGHT - 1);
  if (weightedLetters < LANGUAGE_MIN_LETTERS) return 'und';
  const guess = detectWithEld(prose);
  return guess.confidence >= LANGUAGE_MIN_MARGIN ? guess.language : 'und';
}

function firstCodePoints(text: string, count: number): string {
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken += 1) {
    const code = text.charCodeAt(end);
    const pair = code >= 0xd800 && code <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  return text.slice(0, end);
}
