import { MAX_KEYWORD_PHRASE_WORDS, MAX_KEYWORDS } from './analysis-rules.js';
import { stopwordsFor } from './stopwords.js';
import { stripSyntax } from './text-patterns.js';
import { words } from './words.js';

export interface Keyword {
  term: string;
  score: number;
}

/** Anything that is not a word character, apostrophe, hyphen or space ends a phrase. */
const PHRASE_BREAK = /[^\p{L}\p{M}\p{N}'’\- \t]+/u;
const HAS_LETTER = /\p{L}/u;
const POSSESSIVE = /'s$/u;
const CURLY_APOSTROPHE = /’/g;
const SPACE_BETWEEN_UNSPACED = /(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]) (?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}])/gu;

/**
 * RAKE (Rose et al., 2010): candidate phrases are runs of words between stop words and punctuation;
 * a word scores degree/frequency, a phrase the sum of its words. Each phrase is then weighted by how
 * often it occurs, also inside longer runs, so "remote work" repeated through a short post outranks
 * a one-off "remote work changed". Scores are normalised so the best keyword is 1.
 */
export function extractKeywords(text: string, language: string): Keyword[] {
  const phrases = candidatePhrases(text, stopwordsFor(language));
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const phrase of phrases) {
    for (const word of phrase) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      degree.set(word, (degree.get(word) ?? 0) + phrase.length);
    }
  }

  const containing = phrasesContaining(phrases);
  const scores = new Map<string, number>();
  for (const phrase of phrases) {
    const term = phrase.join(' ');
    if (scores.has(term)) continue;
    const rake = phrase.reduce((sum, word) => sum + (degree.get(word) ?? 0) / (frequency.get(word) ?? 1), 0);
    scores.set(term, rake * (containing.get(term) ?? 0));
  }

  const ranked = [...scores].sort(([termA, a], [termB, b]) => b - a || termA.localeCompare(termB)).slice(0, MAX_KEYWORDS);
  const best = ranked[0]?.[1] ?? 1;
  return ranked.map(([term, score]) => ({ term: displayTerm(term), score: Math.round((score / best) * 1000) / 1000 }));
}

/** For every run of consecutive words, how many phrases contain it (each phrase counted once). */
function phrasesContaining(phrases: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const phrase of phrases) {
    seen.clear();
    for (let start = 0; start < phrase.length; start += 1) {
      let run = '';
      for (let end = start; end < phrase.length; end += 1) {
        run = end === start ? (phrase[end] ?? '') : `${run} ${phrase[end]}`;
        if (seen.has(run)) continue;
        seen.add(run);
        counts.set(run, (counts.get(run) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function candidatePhrases(text: string, stopwords: ReadonlySet<string>): string[][] {
  const phrases: string[][] = [];
  for (const fragment of stripSyntax(text.toLowerCase(), '\n').split(PHRASE_BREAK)) {
    let current: string[] = [];
    for (const raw of words(fragment)) {
      const word = raw.replace(CURLY_APOSTROPHE, "'");
      if (stopwords.has(word) || !HAS_LETTER.test(word) || codePointLength(word) < 2) {
        pushChunks(phrases, current);
        current = [];
      } else {
        current.push(word.replace(POSSESSIVE, ''));
      }
    }
    pushChunks(phrases, current);
  }
  return phrases;
}

function pushChunks(phrases: string[][], run: readonly string[]): void {
  for (let start = 0; start < run.length; start += MAX_KEYWORD_PHRASE_WORDS) {
    phrases.push(run.slice(start, start + MAX_KEYWORD_PHRASE_WORDS));
  }
}

/** Words of scripts written without spaces are joined back without them (新しい プロジェクト → 新しいプロジェクト). */
function displayTerm(term: string): string {
  return term.replace(SPACE_BETWEEN_UNSPACED, '');
}

/** [...word].length without the array: a low surrogate after a high one is part of the same code point. */
function codePointLength(word: string): number {
  let length = 0;
  for (let i = 0; i < word.length; i += 1) {
    const pairEnd = i > 0 && (word.charCodeAt(i) & 0xfc00) === 0xdc00 && (word.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    if (!pairEnd) length += 1;
  }
  return length;
}
