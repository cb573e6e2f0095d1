import { eld as eldMedium } from 'eld/medium';
import { francAll } from 'franc';
import { detectAll } from 'tinyld';
import { detectWithEld, eldDetector, type LanguageDetector, UNDETERMINED } from '../../src/modules/analysis/language-detectors.js';
import { iso639_3To1 } from './iso-639.js';

/** The candidates measured against the one in use (eld extra-small), for test/analysis/accuracy.ts. */
const detectWithTinyld: LanguageDetector = (text) => {
  const best = detectAll(text)[0];
  return best ? { language: best.lang, confidence: best.accuracy } : UNDETERMINED;
};

/** franc ranks by distance normalised so the best is 1; confidence is the gap to the runner-up. */
const detectWithFranc: LanguageDetector = (text) => {
  const [best, second] = francAll(text);
  const language = best ? iso639_3To1(best[0]) : null;
  if (!best || !language) return UNDETERMINED;
  return { language, confidence: second ? best[1] - second[1] : 1 };
};

export const LANGUAGE_DETECTORS: Readonly<Record<string, LanguageDetector>> = {
  tinyld: detectWithTinyld,
  'eld (medium)': eldDetector(eldMedium),
  'eld (extra-small, in use)': detectWithEld,
  franc: detectWithFranc,
};
