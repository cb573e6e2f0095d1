import { HOOK_MAX_CHARACTERS, HOOK_MAX_LINES } from './analysis-rules.js';
import { countCharacters } from './words.js';

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * What shows above LinkedIn's "…see more": at most HOOK_MAX_LINES lines and about
 * HOOK_MAX_CHARACTERS code points, cut at a word boundary (ICU's, so also between Chinese or
 * Japanese words) and never inside an emoji or other grapheme cluster.
 */
export function extractHook(text: string): string {
  const lines = text.trim().split('\n');
  const visible = lines.slice(0, HOOK_MAX_LINES).join('\n').trimEnd();
  return cutAtBoundary(visible, wordSegmenter) ?? cutAtBoundary(visible, graphemeSegmenter) ?? '';
}

/** The longest prefix ending on a segment boundary within the limit; null when the first segment is already too long. */
function cutAtBoundary(text: string, segmenter: Intl.Segmenter): string | null {
  let codePoints = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    codePoints += countCharacters(segment);
    if (codePoints > HOOK_MAX_CHARACTERS) break;
    end = index + segment.length;
  }
  if (end === 0 && text.length > 0) return null;
  return text.slice(0, end).trimEnd();
}
