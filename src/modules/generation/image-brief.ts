import type { NormalizedRequest } from './generation-request.js';
import type { ImageSuggestion, PostTone } from './writer-types.js';

/** The line the model writes between the post and its image suggestion. */
export const IMAGE_MARKER = '<<<IMAGE>>>';

const MAX_BRIEF_CHARS = 500;
const MAX_ALT_CHARS = 250;

const NONE: ImageSuggestion = { imageBrief: null, imageAltText: null };

/** How long a suffix of `text` could still grow into the marker. */
function partialMarker(text: string): number {
  for (let size = Math.min(IMAGE_MARKER.length - 1, text.length); size > 0; size--) {
    if (IMAGE_MARKER.startsWith(text.slice(-size))) return size;
  }
  return 0;
}

const clean = (value: string | undefined, max: number): string | null => {
  const text = value
    ?.replace(/^["'“”*_\s]+|["'“”*_\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, max) : null;
};

/** Reads "Brief: …" and "Alt text: …" from what the model wrote after the marker; what is missing is null. */
export function parseImageBlock(block: string): ImageSuggestion {
  return {
    imageBrief: clean(/^[\s*_-]*brief[\s*_]*:(.*)$/im.exec(block)?.[1], MAX_BRIEF_CHARS),
    imageAltText: clean(/^[\s*_-]*alt(?:[\s-]*text)?[\s*_]*:(.*)$/im.exec(block)?.[1], MAX_ALT_CHARS),
  };
}

/**
 * Splits a model's streamed answer at the marker: the post goes on to `onPost` as it streams (holding
 * back only what could be the start of the marker), the image suggestion after it is kept. An answer
 * without the marker is all post.
 */
export class ImageBlockSplitter {
  private held = '';
  private block: string | null = null;

  constructor(private readonly onPost: (text: string) => void) {}

  push(chunk: string): void {
    if (this.block !== null) {
      this.block += chunk;
      return;
    }
    const text = this.held + chunk;
    const at = text.indexOf(IMAGE_MARKER);
    if (at >= 0) {
      this.held = '';
      this.block = text.slice(at + IMAGE_MARKER.length);
      this.emit(text.slice(0, at));
      return;
    }
    const keep = partialMarker(text);
    this.held = text.slice(text.length - keep);
    this.emit(text.slice(0, text.length - keep));
  }

  /** The suggestion, once the answer is complete (nulls when the model gave none). */
  finish(): ImageSuggestion {
    if (this.block !== null) return parseImageBlock(this.block);
    this.emit(this.held);
    this.held = '';
    return NONE;
  }

  private emit(text: string) {
    if (text) this.onPost(text);
  }
}

const STYLES: Readonly<Record<PostTone, string>> = {
  PROFESSIONAL: 'A clean, well-lit photo',
  CASUAL: 'A candid snapshot',
  INSPIRATIONAL: 'A bright, uplifting photo',
  EDUCATIONAL: 'A simple labelled diagram',
  STORYTELLING: 'A documentary-style photo of a real moment',
  HUMOROUS: 'A playful illustration',
};

/**
 * The offline writer's suggestion, derived only from the request and the post it wrote, so the same
 * request always gets the same one: the tone picks the style, the topic and keywords the subject, and
 * the post's first line (its hook) the mood.
 */
export function localImageSuggestion(request: NormalizedRequest, content: string): ImageSuggestion {
  const hook =
    content
      .split('\n')
      .find((line) => line.trim() && !line.trim().startsWith('#'))
      ?.trim() ?? '';
  const style = STYLES[request.tone];
  const keywords = request.keywords.length ? `, showing ${request.keywords.join(', ')}` : '';
  const audience = request.audience ? ` for ${request.audience}` : '';
  const brief = `${style} about ${request.topic}${keywords}${audience}. It should echo the post's opening line: "${hook.slice(0, 200)}". No text in the image.`;
  return { imageBrief: clean(brief, MAX_BRIEF_CHARS), imageAltText: clean(`${style} about ${request.topic}.`, MAX_ALT_CHARS) };
}
