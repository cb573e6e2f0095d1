import { badField } from '../../shared/errors.js';
import { normalizeHashtags } from '../analysis/hashtags.rules.js';

/**
 * LinkedIn's "little text" format, the syntax of a post's `commentary` in the Posts API
 * (https://learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format).
 *
 * Every reserved character must be backslash-escaped to be plain text: an unescaped one makes
 * LinkedIn silently cut the post at that point. Hashtags are written as the documented
 * HashtagElement `#tag` (LinkedIn hands them back as `{hashtag|\#|tag}` templates on read; both are
 * accepted on write) and mentions as the MentionElement `@[Name](urn:li:person:…)`.
 */
const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~', '\\']);

/** LinkedIn's commentary limit. */
export const COMMENTARY_MAX_LENGTH = 3000;

const MENTION_URN = /^urn:li:(?:person|organization):[A-Za-z0-9_-]+$/;
const TAG_CHAR = /[\p{L}\p{N}_]/u;
/** A '#' preceded by one of these is part of a word (`C#`, `abc#def`) or an entity (`&#38;`), not a hashtag. */
const GLUED_BEFORE_HASH = /[\p{L}\p{N}_&#]/u;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

export interface Mention {
  name: string;
  urn: string;
}

export interface LittleTextOptions {
  /** Hashtags to add (with or without '#'); ones already written inline are not repeated. */
  hashtags?: string[];
  /** Every `@Name` in the text becomes a mention of `urn` (a person or organization URN). */
  mentions?: Mention[];
}

export function escapeLittleText(text: string): string {
  let out = '';
  for (const ch of text) out += RESERVED.has(ch) ? `\\${ch}` : ch;
  return out;
}

/** A post's plain text (with inline `#tags` and `@Name`s) plus its hashtags as LinkedIn commentary. */
export function toLittleText(text: string, options: LittleTextOptions = {}): string {
  const mentions = validMentions(options.mentions ?? []);
  const urlSpans = [...text.matchAll(URL)].map((m) => [m.index, m.index + m[0].length] as const);
  const inlineTags = new Set<string>();
  const used = new Set<Mention>();
  let out = '';
  let i = 0;
  while (i < text.length) {
    const url = urlSpans.find(([start]) => start === i);
    if (url) {
      out += escapeLittleText(text.slice(url[0], url[1]));
      i = url[1];
      continue;
    }
    const mention = text[i] === '@' ? mentions.find((m) => mentionAt(text, i, m.name)) : undefined;
    if (mention) {
      out += `@[${escapeLittleText(mention.name)}](${escapeLittleText(mention.urn)})`;
      used.add(mention);
      i += mention.name.length + 1;
      continue;
    }
    const tag = text[i] === '#' ? hashtagAt(text, i) : undefined;
    if (tag) {
      out += `#${escapeLittleText(tag)}`;
      inlineTags.add(tag.toLowerCase());
      i += tag.length + 1;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out += escapeLittleText(ch);
    i += ch.length;
  }
  const missing = mentions.find((m) => !used.has(m));
  if (missing) throw badField('mentions', `"@${missing.name}" does not appear in the text.`);

  const extra = normalizeHashtags(options.hashtags ?? []).filter((tag) => !inlineTags.has(tag));
  if (extra.length === 0) return out;
  const tags = extra.map((tag) => `#${escapeLittleText(tag)}`).join(' ');
  return out.trim() === '' ? tags : `${out.trimEnd()}\n\n${tags}`;
}

/** `@Name` at i, not the start of a longer word (`@Ann` is not in `@Annabel`). */
function mentionAt(text: string, i: number, name: string): boolean {
  if (!text.startsWith(`@${name}`, i)) return false;
  const after = text.codePointAt(i + name.length + 1);
  return after === undefined || !TAG_CHAR.test(String.fromCodePoint(after));
}

function hashtagAt(text: string, i: number): string | undefined {
  const prev = charBefore(text, i);
  if (prev && GLUED_BEFORE_HASH.test(prev)) return undefined;
  let end = i + 1;
  while (end < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(end)!);
    if (!TAG_CHAR.test(ch)) break;
    end += ch.length;
  }
  return end > i + 1 ? text.slice(i + 1, end) : undefined;
}

function charBefore(text: string, i: number): string {
  if (i === 0) return '';
  const code = text.charCodeAt(i - 1);
  const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff;
  return text.slice(isLowSurrogate && i >= 2 ? i - 2 : i - 1, i);
}

function validMentions(mentions: Mention[]): Mention[] {
  mentions.forEach((m, index) => {
    if (!m.name.trim()) throw badField(`mentions.${index}.name`, 'A mention needs a name.');
    if (!MENTION_URN.test(m.urn)) {
      throw badField(`mentions.${index}.urn`, 'Expected urn:li:person:… or urn:li:organization:….');
    }
  });
  // Longest names first, so "@Ann Lee" wins over "@Ann".
  return [...mentions].sort((a, b) => b.name.length - a.name.length);
}

/**
 * The length LinkedIn's 3,000-character limit is checked against. LinkedIn does not document
 * whether escapes count, so this counts the commentary exactly as sent (escapes included, in
 * UTF-16 code units like LinkedIn's own composer): a commentary that passes here cannot be
 * rejected for length, at the price of a few characters of headroom for texts full of symbols.
 */
export function littleTextLength(commentary: string): number {
  return commentary.length;
}

export interface CommentaryProblem {
  code: 'EMPTY' | 'TOO_LONG';
  message: string;
  length: number;
  limit: number;
}

export function validateCommentary(commentary: string): CommentaryProblem | null {
  const length = littleTextLength(commentary);
  if (commentary.trim() === '') {
    return { code: 'EMPTY', message: 'A LinkedIn post needs some text.', length, limit: COMMENTARY_MAX_LENGTH };
  }
  if (length > COMMENTARY_MAX_LENGTH) {
    return {
      code: 'TOO_LONG',
      message: `The post is ${length} characters once formatted for LinkedIn; the limit is ${COMMENTARY_MAX_LENGTH}.`,
      length,
      limit: COMMENTARY_MAX_LENGTH,
    };
  }
  return null;
}
