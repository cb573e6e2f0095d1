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
const SPACE_BETWEEN_UNSPACED = /(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]) (?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}])/gu;

/**
 * RAKE (Rose et al., 2010): candidate phrases are runs of words between stop words and punctuation;
 * a word scores degree/frequency, a phrase the sum of its words. Each phrase is then weighted by how
 * often it occurs, also inside longer runs, so "remote work" repeated through a short post outranks
 * a one-off "remote work changed". Scores are normalised so the best keyword is 1.
 */
export function extractKeywords(text: string, language: string): Keyword[] {
  const phrases = candidatePhrases(text, stopwordsFor(language));
  const joined = phrases.map((phrase) => ` ${phrase.join(' ')} `);
  const frequency = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const phrase of phrases) {
    for (const word of phrase) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
      degree.set(word, (degree.get(word) ?? 0) + phrase.length);
    }
  }

  const scores = new Map<string, number>();
  for (const phrase of phrases) {
    const term = phrase.join(' ');
    if (scores.has(term)) continue;
    const rake = phrase.reduce((sum, word) => sum + (degree.get(word) ?? 0) / (frequency.get(word) ?? 1), 0);
    const occurrences = joined.filter((run) => run.includes(` ${term} `)).length;
    scores.set(term, rake * occurrences);
  }

  const ranked = [...scores].sort(([termA, a], [termB, b]) => b - a || termA.localeCompare(termB)).slice(0, MAX_KEYWORDS);
  const best = ranked[0]?.[1] ?? 1;
  return ranked.map(([term, score]) => ({ term: displayTerm(term), score: Math.round((score / best) * 1000) / 1000 }));
}

function candidatePhrases(text: string, stopwords: ReadonlySet<string>): string[][] {
  const phrases: string[][] = [];
  for (const fragment of stripSyntax(text.toLowerCase(), '\n').split(PHRASE_BREAK)) {
    let current: string[] = [];
    for (const raw of words(fragment)) {
      const word = raw.replace(/’/g, "'");
      if (stopwords.has(word) || !HAS_LETTER.test(word) || [...word].length < 2) {
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
