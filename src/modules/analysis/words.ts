import { URL_PATTERN } from './text-patterns.js';

const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
/** Scripts written without spaces between words: these runs need a dictionary-based segmenter. */
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const IDEOGRAPH = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;

// ICU's word segmenter is about 40× slower than the regex, so it only sees unspaced runs.
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The words of a text: spaced scripts split by the regex, Chinese/Japanese/Thai runs by ICU. */
export function words(text: string): string[] {
  const result: string[] = [];
  const anyUnspaced = UNSPACED_SCRIPT.test(text);
  for (const [run] of text.matchAll(WORD_PATTERN)) {
    if (!anyUnspaced || !UNSPACED_SCRIPT.test(run)) {
      result.push(run);
      continue;
    }
    for (const segment of wordSegmenter.segment(run)) {
      if (segment.isWordLike) result.push(segment.segment);
    }
  }
  return result;
}

/** Words as a reader counts them: a link is one word however many parts it has. */
export function countWords(text: string): number {
  let links = 0;
  const withoutLinks = text.replace(URL_PATTERN, () => {
    links += 1;
    return ' ';
  });
  return links + words(withoutLinks).length;
}

export function countIdeographs(text: string): number {
  return text.match(IDEOGRAPH)?.length ?? 0;
}

/** LinkedIn counts characters as Unicode code points: an emoji is 1 (or more when joined), not 2 UTF-16 units. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
