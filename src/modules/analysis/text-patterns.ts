/** Syntax in a post that is not prose: links, @mentions and #hashtags. */
export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\blnkd\.in\/[^\s<>"]+/giu;
const MENTION_PATTERN = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.-]+/gu;
const HASHTAG_SYNTAX_PATTERN = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;

export function containsUrl(text: string): boolean {
  return text.search(URL_PATTERN) !== -1;
}

/** analyzeText's steps strip the same text one after another; the last result saves them the rescans. */
let last: { text: string; replacement: string; prose: string } | undefined;

/** The prose only: links, mentions and hashtags each replaced by `replacement`. */
export function stripSyntax(text: string, replacement = ' '): string {
  if (last?.text === text && last.replacement === replacement) return last.prose;
  const prose = text.replace(URL_PATTERN, replacement).replace(MENTION_PATTERN, replacement).replace(HASHTAG_SYNTAX_PATTERN, replacement);
  last = { text, replacement, prose };
  return prose;
}
