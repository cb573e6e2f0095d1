import { eld } from 'eld/medium';
import { francAll } from 'franc';
import { detectAll } from 'tinyld';
import { iso639_3To1 } from './iso-639.js';

/** A detector's best guess (ISO 639-1, or "und") and its own confidence in 0..1. */
export interface LanguageGuess {
  language: string;
  confidence: number;
}

export type LanguageDetector = (text: string) => LanguageGuess;

const UNDETERMINED: LanguageGuess = { language: 'und', confidence: 0 };

export const detectWithTinyld: LanguageDetector = (text) => {
  const best = detectAll(text)[0];
  return best ? { language: best.lang, confidence: best.accuracy } : UNDETERMINED;
};

/**
 * eld scores every candidate; the margin between the best two is what tells a Spanish post
 * from a Portuguese one, so confidence is that margin relative to the best score.
 */
export const detectWithEld: LanguageDetector = (text) => {
  const result = eld.detect(text);
  if (!result.language || !result.isReliable()) return UNDETERMINED;
  const [best = 0, second = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  return { language: result.language, confidence: best > 0 ? (best - second) / best : 0 };
};

/** franc ranks by distance normalised so the best is 1; confidence is the gap to the runner-up. */
export const detectWithFranc: LanguageDetector = (text) => {
  const [best, second] = francAll(text);
  const language = best ? iso639_3To1(best[0]) : null;
  if (!best || !language) return UNDETERMINED;
  return { language, confidence: second ? best[1] - second[1] : 1 };
};

export const LANGUAGE_DETECTORS: Readonly<Record<string, LanguageDetector>> = {
  tinyld: detectWithTinyld,
  eld: detectWithEld,
  franc: detectWithFranc,
};
