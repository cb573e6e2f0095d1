/** Syntax in a post that is not prose: links, @mentions and #hashtags. */
export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\blnkd\.in\/[^\s<>"]+/giu;
export const MENTION_PATTERN = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.-]+/gu;
export const HASHTAG_SYNTAX_PATTERN = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;

export function containsUrl(text: string): boolean {
  return text.search(URL_PATTERN) !== -1;
}

/** The prose only: links, mentions and hashtags each replaced by `replacement`. */
export function stripSyntax(text: string, replacement = ' '): string {
  return text
    .replace(URL_PATTERN, replacement)
    .replace(MENTION_PATTERN, replacement)
    .replace(HASHTAG_SYNTAX_PATTERN, replacement);
}
