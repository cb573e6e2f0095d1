import { containsUrl } from './text-patterns.js';

/**
 * What a post carries besides its text, as far as advice about it goes. The media kinds arrive with
 * the media store; their alt-text count is what the warnings need from them.
 */
export type ContentFacts =
  | { kind: 'TEXT' }
  | { kind: 'ARTICLE'; title: string | null }
  | { kind: 'POLL'; options: readonly string[] }
  | { kind: 'MEDIA' | 'MULTI_IMAGE'; images: number; imagesWithoutAltText: number };

/** Past this many characters a text-only post is a wall of text in the feed; a visual breaks it up. */
export const LONG_TEXT_ONLY_CHARACTERS = 1300;
/** Poll options longer than this are hard to take in at a glance, though LinkedIn allows 30. */
const POLL_OPTION_GLANCE_CHARACTERS = 20;

const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Advice that depends on the content kind, one sentence each. */
export function contentWarnings(text: string, characterCount: number, content: ContentFacts): string[] {
  switch (content.kind) {
    case 'TEXT':
      return characterCount > LONG_TEXT_ONLY_CHARACTERS
        ? [`The post is ${characterCount} characters of text with nothing to look at; an image or a document helps a long post stand out in the feed.`]
        : [];
    case 'ARTICLE':
      return articleWarnings(text, content.title);
    case 'POLL': {
      const long = content.options.filter((option) => [...option].length > POLL_OPTION_GLANCE_CHARACTERS);
      return long.length
        ? [
            `${long.length === 1 ? 'A poll option is' : `${long.length} poll options are`} longer than ${POLL_OPTION_GLANCE_CHARACTERS} characters; short options are read at a glance and get more votes.`,
          ]
        : [];
    }
    case 'MEDIA':
    case 'MULTI_IMAGE':
      return content.imagesWithoutAltText > 0
        ? [
            `${content.imagesWithoutAltText === content.images ? 'The images have' : `${content.imagesWithoutAltText} of ${content.images} images have`} no alt text; describe each for readers who use a screen reader.`,
          ]
        : [];
  }
}

function articleWarnings(text: string, title: string | null): string[] {
  const warnings: string[] = [];
  if (title && comparable(text) && comparable(title).includes(comparable(text))) {
    warnings.push("The text only repeats the article's title, which the preview already shows; say why it is worth reading.");
  }
  if (containsUrl(text)) warnings.push("The article's link is attached with its preview; remove the URL from the text.");
  return warnings;
}
