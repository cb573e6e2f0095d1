const VOWEL_GROUPS = /[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ]+/gu;

/** Syllables of one word by the usual heuristic for its language: vowel groups, with each language's silent endings. */
export function countSyllables(word: string, language: string): number {
  let w = word.toLowerCase().replace(/[^\p{L}]/gu, '');
  if (!w) return 0;
  if (language === 'en') {
    if (w.length <= 3) return 1;
    // Silent final e/es/ed (make, takes, worked) and a leading consonant y (year).
    w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/u, '').replace(/^y/u, '');
    return Math.max(1, w.match(/[aeiouy]{1,2}/gu)?.length ?? 0);
  }
  if (language === 'fr') w = w.replace(/(?<=[^aeiouyàâéèêëîïôûù])(?:es|e|ent)$/u, '');
  if (language === 'nl') w = w.replace(/ij/gu, 'i');
  return Math.max(1, w.match(VOWEL_GROUPS)?.length ?? 0);
}
