export type DiffKind = 'ADDED' | 'REMOVED' | 'UNCHANGED';

export interface DiffSegment {
  kind: DiffKind;
  text: string;
}

/** Words (letters, digits, and the marks inside them: don't, e-mail, #tags, @names), runs of spaces, and single other marks. */
const TOKEN = /[\p{L}\p{N}\p{M}_#@]+(?:['’\-.][\p{L}\p{N}\p{M}_]+)*|\s+|[^\s\p{L}\p{N}\p{M}_#@]/gu;

const tokenize = (text: string) => text.match(TOKEN) ?? [];

/**
 * A word-level diff from `before` to `after`: a longest common subsequence over words, spaces and
 * punctuation, so a changed word shows as that word removed and its replacement added, never as a
 * run of characters. Adjacent segments of one kind are merged, and the segments of a kind joined
 * give back each text.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const width = b.length + 1;
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const segments: DiffSegment[] = [];
  const push = (kind: DiffKind, text: string) => {
    const last = segments.at(-1);
    if (last?.kind === kind) last.text += text;
    else segments.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('UNCHANGED', a[i++] as string);
      j++;
    } else if (i < a.length && (j === b.length || (lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0))) {
      // On a tie the old text goes first: "old new", as people read a replacement.
      push('REMOVED', a[i++] as string);
    } else {
      push('ADDED', b[j++] as string);
    }
  }
  return segments;
}
