import { normalizeHashtag } from '../analysis/hashtags.rules.js';

/**
 * Markdown LinkedIn cannot render, removed line by line so a streamed line can be cleaned as soon
 * as its constructs are closed. Inline hashtags are turned into plain words and reported, because
 * the post's hashtags belong in its last line.
 */
const HASHTAG_WORD = /^#[\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*[.,;:!?]*$/u;
const INLINE_HASHTAG = /(^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const RULE = /^(?:\*[\s*]*\*[\s*]*\*|-[\s-]*-[\s-]*-|_[\s_]*_[\s_]*_)[\s*_-]*$/;

/** The tags of a line made only of hashtags (`#AI #Remote_Work`), or null for any other line. */
export function hashtagLine(line: string): string[] | null {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (!words.length || !words.every((w) => HASHTAG_WORD.test(w))) return null;
  return words.map((w) => normalizeHashtag(w.replace(/[.,;:!?]+$/, ''))).filter((t): t is string => t !== null);
}

/** A line whose kind is unknown until it is complete: a heading, a hashtag line, a code fence or a rule. */
export function mustWaitForLineEnd(lineSoFar: string): boolean {
  const t = lineSoFar.trimStart();
  return t.startsWith('#') || t.startsWith('`') || /^[\s*_>-]*$/.test(t) || !/\S\s/.test(t);
}

/** Block-level markers at the start of a line; null when the whole line should go (fences, rules). */
export function cleanLineStart(line: string): string | null {
  let t = line.trimStart();
  if (t.startsWith('```') || RULE.test(t)) return null;
  t = t.replace(/^(?:>\s?)+/, '').replace(/^#{1,6}\s+/, '');
  return t.replace(/^[*+]\s+/, '• ');
}

/** Inline markdown removed; inline hashtags become words and are appended to `tags`. */
export function cleanInline(text: string, tags: string[]): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => (label === href ? href : `${label} (${href})`))
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]+?)\*(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]+?)_(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(INLINE_HASHTAG, (_m, before: string, body: string) => {
      const tag = normalizeHashtag(body);
      if (tag) tags.push(tag);
      return `${before}${body}`;
    });
}

const count = (text: string, token: string) => text.split(token).length - 1;

function closed(prefix: string): boolean {
  const withoutLinks = prefix.replace(/!?\[[^\]]*\]\([^)\s]*\)/g, '');
  const stars = prefix.replace(/^\s*[*+]\s/, '').replace(/\*\*/g, '');
  const underscores = prefix.replace(/__/g, '').match(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu)?.length ?? 0;
  return (
    count(prefix, '**') % 2 === 0 &&
    count(prefix, '__') % 2 === 0 &&
    count(prefix, '~~') % 2 === 0 &&
    count(prefix, '`') % 2 === 0 &&
    count(stars, '*') % 2 === 0 &&
    underscores % 2 === 0 &&
    !withoutLinks.includes('[')
  );
}

/**
 * The furthest whitespace position after `from` at which every inline construct opened in
 * `line` is closed, so `line.slice(from, cut)` can be cleaned on its own; -1 when there is none.
 */
export function safeCut(line: string, from: number): number {
  for (let i = line.length - 1; i > from; i--) {
    if (/\s/.test(line[i] ?? '') && closed(line.slice(0, i))) return i;
  }
  return -1;
}
