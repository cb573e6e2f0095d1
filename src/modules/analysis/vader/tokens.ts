import { EDGE_PUNCTUATION } from './rules.js';

const WHITESPACE = /\s/;

/**
 * VADER's "words and emoticons": whitespace-separated tokens of two or more characters, with one
 * run of punctuation from EDGE_PUNCTUATION removed from either end when what remains is a word
 * of two or more characters free of ASCII punctuation. Everything else — emoticons such as ":-)",
 * contractions such as "don't", "word..." — stays as written.
 */
export function vaderTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const token of text.split(WHITESPACE)) {
    if (token.length > 1) tokens.push(trimEdgePunctuation(token));
  }
  return tokens;
}

function trimEdgePunctuation(token: string): string {
  let first = 0;
  while (first < token.length && !isAsciiPunctuation(token.charCodeAt(first))) first += 1;
  if (first === token.length) return token;
  let word = token.slice(0, first);
  for (let i = first + 1; i < token.length; i += 1) {
    if (!isAsciiPunctuation(token.charCodeAt(i))) word += token[i];
  }
  if (word.length < 2) return token;
  const edgeLength = token.length - word.length;
  if (token.endsWith(word) && EDGE_PUNCTUATION.has(token.slice(0, edgeLength))) return word;
  if (token.startsWith(word) && EDGE_PUNCTUATION.has(token.slice(word.length))) return word;
  return token;
}

/** Python's string.punctuation: !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~ */
function isAsciiPunctuation(code: number): boolean {
  return (code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}
