const VOWEL_GROUPS = /[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ]+/gu;
const NON_LETTERS = /[^\p{L}]/gu;
const ENGLISH_SILENT_ENDING = /(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/u;
const LEADING_Y = /^y/u;
const ENGLISH_VOWEL_GROUPS = /[aeiouy]{1,2}/gu;
const FRENCH_SILENT_ENDING = /(?<=[^aeiouyàâéèêëîïôûù])(?:es|e|ent)$/u;
const DUTCH_IJ = /ij/gu;

/** Syllables of one word by the usual heuristic for its language: vowel groups, with each language's silent endings. */
export function countSyllables(word: string, language: string): number {
  let w = word.toLowerCase().replace(NON_LETTERS, '');
  if (!w) return 0;
  if (language === 'en') {
    if (w.length <= 3) return 1;
    // Silent final e/es/ed (make, takes, worked) and a leading consonant y (year).
    w = w.replace(ENGLISH_SILENT_ENDING, '').replace(LEADING_Y, '');
    return Math.max(1, w.match(ENGLISH_VOWEL_GROUPS)?.length ?? 0);
  }
  if (language === 'fr') w = w.replace(FRENCH_SILENT_ENDING, '');
  if (language === 'nl') w = w.replace(DUTCH_IJ, 'i');
  return Math.max(1, w.match(VOWEL_GROUPS)?.length ?? 0);
}
