import { type NormalizedRequest, normalizeRequest } from './generation-request.js';
import { HASHTAG_RESERVE, MIN_HASHTAGS, pickHashtags, topicHashtags } from './hashtag-picker.js';
import { cleanInline, cleanLineStart, hashtagLine, mustWaitForLineEnd, safeCut } from './markdown.js';
import { DEFAULT_PHRASEBOOK, phrasebookFor } from './phrasebooks/phrasebooks.js';
import { resolvePostType } from './templates.js';
import { WriterError } from './writer-errors.js';
import type { GenerationRequest } from './writer-types.js';

/** LinkedIn shows about this many characters before "see more"; the first line must fit. */
export const HOOK_MAX_CHARS = 210;
/** Near the length limit text is released only at sentence ends, so a trim never lands mid-sentence. */
const SENTENCE_WINDOW = 300;

export interface ProcessedPost {
  content: string;
  hashtags: string[];
}

/** Where the first line can be broken when it runs past the fold: a sentence end, else a clause, else a word. */
function hookBreak(line: string): { head: string; rest: string } {
  const window = line.slice(0, HOOK_MAX_CHARS - 1);
  const sentence = [...window.matchAll(/[.!?…]["'”’)]*(?=\s)/gu)].pop();
  if (sentence && sentence.index + sentence[0].length >= 40) {
    const end = sentence.index + sentence[0].length;
    return { head: line.slice(0, end), rest: line.slice(end).trimStart() };
  }
  const clause = [...window.matchAll(/[,;:—–](?=\s)/g)].pop();
  const space = window.lastIndexOf(' ');
  const end = clause && clause.index >= 40 ? clause.index : space > 0 ? space : HOOK_MAX_CHARS - 2;
  return { head: `${line.slice(0, end).trimEnd()}…`, rest: line.slice(end).replace(/^[,;:—–]?\s*/, '') };
}

/** Positions in `text` where it may be cut: after a sentence end, or before a line break. */
function lastBoundary(text: string, limit: number): number {
  let best = 0;
  for (const m of text.matchAll(/[.!?…]["'”’)]*(?=\s|$)|(?<=[^\n])(?=\n)/gu)) {
    const end = m.index + m[0].length;
    if (end > limit) break;
    if (end > 0) best = end;
  }
  return best;
}

/**
 * Turns model output into a LinkedIn post while it streams. Raw text goes in through `push`;
 * repaired text comes out through `emit` as soon as it can no longer change, and nothing emitted is
 * ever taken back, so the emitted chunks joined are exactly `finish().content`.
 *
 * Repairs: markdown LinkedIn cannot render is stripped per line; blank-line runs collapse to one;
 * a first line longer than the fold is split; the body is trimmed at a sentence end to leave room
 * for the hashtags; hashtag lines the model wrote are held back and the final 3–5 tags (keywords,
 * the model's tags, inline tags, topic words) are written as the last line.
 */
export class PostProcessor {
  private readonly request: NormalizedRequest;
  private readonly budget: number;
  private readonly modelTags: string[] = [];
  private readonly inlineTags: string[] = [];
  private content = '';
  private line = '';
  private lineCut = 0;
  private lineStarted = false;
  private pending = '';
  private hasText = false;
  private lineHasText = false;
  private breaks = 0;
  private space = false;
  private hookDone = false;
  private truncated = false;
  private finished = false;

  constructor(
    request: GenerationRequest,
    private readonly emit: (text: string) => void = () => {},
  ) {
    this.request = normalizeRequest(request);
    this.budget = this.request.maxLength - (this.request.includeHashtags ? HASHTAG_RESERVE : 0);
  }

  push(raw: string): void {
    if (this.finished) throw new Error('PostProcessor.push after finish');
    this.line += raw.replace(/\r/g, '');
    let newline = this.line.indexOf('\n');
    while (newline >= 0) {
      this.completeLine(this.line.slice(0, newline));
      this.line = this.line.slice(newline + 1);
      this.lineCut = 0;
      this.lineStarted = false;
      newline = this.line.indexOf('\n');
    }
    this.partialLine();
    this.release(false);
  }

  finish(): ProcessedPost {
    if (this.finished) throw new Error('PostProcessor.finish called twice');
    this.finished = true;
    this.completeLine(this.line);
    this.line = '';
    this.release(true);
    if (!/[\p{L}\p{N}]/u.test(this.content)) {
      throw new WriterError('unusable_output', 'The writer returned no usable text for the post.');
    }
    if (!this.request.includeHashtags) return { content: this.content, hashtags: [] };
    const postType = resolvePostType(this.request.tone, this.request.postType);
    const fallbackTags = (phrasebookFor(this.request.language) ?? DEFAULT_PHRASEBOOK).fallbackHashtags[postType];
    const hashtags = pickHashtags(
      [...this.request.keywords, ...this.modelTags, ...this.inlineTags, ...topicHashtags(this.request.topic), ...fallbackTags],
      this.request.maxLength - this.content.length,
    );
    if (hashtags.length < MIN_HASHTAGS) {
      throw new WriterError('unusable_output', 'There is no room left for the hashtags in the post.');
    }
    this.out(`\n\n${hashtags.map((t) => `#${t}`).join(' ')}`);
    return { content: this.content, hashtags };
  }

  private out(text: string): void {
    if (!text) return;
    this.content += text;
    this.emit(text);
  }

  private completeLine(full: string): void {
    if (!this.lineStarted) {
      const tags = hashtagLine(full);
      if (tags) {
        this.modelTags.push(...tags);
        return;
      }
      const start = cleanLineStart(full);
      if (start === null) {
        this.lineBreak();
        return;
      }
      this.text(cleanInline(start, this.inlineTags));
    } else {
      this.text(cleanInline(full.slice(this.lineCut), this.inlineTags));
    }
    this.lineBreak();
  }

  private partialLine(): void {
    if (!this.lineStarted) {
      if (mustWaitForLineEnd(this.line)) return;
      this.line = cleanLineStart(this.line) ?? '';
      this.lineStarted = true;
    }
    const cut = safeCut(this.line, this.lineCut);
    if (cut > this.lineCut) {
      this.text(cleanInline(this.line.slice(this.lineCut, cut), this.inlineTags));
      this.lineCut = cut;
    }
  }

  /** Appends cleaned inline text, normalising whitespace and paragraph breaks. */
  private text(raw: string): void {
    const collapsed = raw.replace(/\s+/g, ' ');
    const word = collapsed.trim();
    if (!word) {
      if (collapsed && this.lineHasText) this.space = true;
      return;
    }
    if (collapsed.startsWith(' ') && this.lineHasText) this.space = true;
    if (this.truncated) return;
    const joint = !this.hasText ? '' : this.breaks >= 2 ? '\n\n' : this.breaks === 1 ? '\n' : this.space ? ' ' : '';
    this.pending += joint + word;
    this.hasText = true;
    this.lineHasText = true;
    this.breaks = 0;
    this.space = collapsed.endsWith(' ');
  }

  private lineBreak(): void {
    if (this.hasText) this.breaks += 1;
    this.lineHasText = false;
    this.space = false;
  }

  private release(final: boolean): void {
    if (this.truncated || !this.pending) return;
    if (!this.hookDone) {
      const newline = this.pending.indexOf('\n');
      const first = newline >= 0 ? this.pending.slice(0, newline) : this.pending;
      if (first.length > HOOK_MAX_CHARS) {
        const { head, rest } = hookBreak(first);
        this.pending = `${head}\n\n${rest}${this.pending.slice(first.length)}`;
      } else if (newline < 0 && !final) {
        return;
      }
      this.hookDone = true;
    }
    const room = this.budget - this.content.length;
    const window = Math.min(SENTENCE_WINDOW, Math.floor(this.budget / 3));
    if (this.pending.length <= room - (final ? 0 : window)) {
      this.out(this.pending);
      this.pending = '';
      return;
    }
    if (this.pending.length <= room) {
      const cut = lastBoundary(this.pending, room);
      this.out(this.pending.slice(0, cut));
      this.pending = this.pending.slice(cut);
      return;
    }
    this.truncate(room);
  }

  private truncate(room: number): void {
    this.truncated = true;
    const cut = lastBoundary(this.pending, room);
    if (cut > 0) {
      this.out(this.pending.slice(0, cut));
    } else if (!/[.!?…]["'”’)]*$/u.test(this.content)) {
      const space = this.pending.lastIndexOf(' ', room - 1);
      const end = space > 0 ? space : Math.max(room - 1, 0);
      this.out(`${this.pending.slice(0, end).replace(/[\s,;:—–-]+$/, '')}…`);
    }
    this.pending = '';
  }
}

/** One-shot form of PostProcessor, for text that is already complete. */
export function postProcess(raw: string, request: GenerationRequest): ProcessedPost {
  const processor = new PostProcessor(request);
  processor.push(raw);
  return processor.finish();
}
