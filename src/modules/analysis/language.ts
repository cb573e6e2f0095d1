import {
  LANGUAGE_IDEOGRAPH_WEIGHT,
  LANGUAGE_MIN_LETTERS,
  LANGUAGE_MIN_MARGIN,
  LANGUAGE_SAMPLE_CHARACTERS,
} from './analysis-rules.js';
import { detectWithEld } from './language-detectors.js';
import { stripSyntax } from './text-patterns.js';
import { countIdeographs } from './words.js';

/**
 * eld is the detector in use: on test/analysis/fixtures/languages.json it was the most accurate
 * of tinyld, eld and franc on short posts, and the fastest (see test/analysis/accuracy.ts).
 */
export function detectLanguage(text: string): string {
  const prose = [...stripSyntax(text)].slice(0, LANGUAGE_SAMPLE_CHARACTERS).join('');
  const letters = prose.match(/\p{L}/gu)?.length ?? 0;
  const weightedLetters = letters + countIdeographs(prose) * (LANGUAGE_IDEOGRAPH_WEIGHT - 1);
  if (weightedLetters < LANGUAGE_MIN_LETTERS) return 'und';
  const guess = detectWithEld(prose);
  return guess.confidence >= LANGUAGE_MIN_MARGIN ? guess.language : 'und';
}
