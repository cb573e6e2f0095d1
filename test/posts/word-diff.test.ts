import { describe, expect, it } from 'vitest';
import { type DiffSegment, wordDiff } from '../../src/modules/posts/word-diff.rules.js';

const side = (segments: DiffSegment[], kind: 'ADDED' | 'REMOVED') =>
  segments
    .filter((segment) => segment.kind !== kind)
    .map((segment) => segment.text)
    .join('');

describe('wordDiff', () => {
  it('shows a replaced word as the old word removed, then the new one added', () => {
    expect(wordDiff('We shipped the beta today.', 'We shipped the release today!')).toEqual([
      { kind: 'UNCHANGED', text: 'We shipped the ' },
      { kind: 'REMOVED', text: 'beta' },
      { kind: 'ADDED', text: 'release' },
      { kind: 'UNCHANGED', text: ' today' },
      { kind: 'REMOVED', text: '.' },
      { kind: 'ADDED', text: '!' },
    ]);
  });

  it('keeps words whole, with their apostrophes, hyphens and hashtags', () => {
    expect(wordDiff("Don't miss the e-mail #hiring", "Don't skip the e-mail #hiring2026")).toEqual([
      { kind: 'UNCHANGED', text: "Don't " },
      { kind: 'REMOVED', text: 'miss' },
      { kind: 'ADDED', text: 'skip' },
      { kind: 'UNCHANGED', text: ' the e-mail ' },
      { kind: 'REMOVED', text: '#hiring' },
      { kind: 'ADDED', text: '#hiring2026' },
    ]);
  });

  it('handles empty texts, identical texts and added lines', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'Hello')).toEqual([{ kind: 'ADDED', text: 'Hello' }]);
    expect(wordDiff('Hello', '')).toEqual([{ kind: 'REMOVED', text: 'Hello' }]);
    expect(wordDiff('Same text.', 'Same text.')).toEqual([{ kind: 'UNCHANGED', text: 'Same text.' }]);
    expect(wordDiff('First line.', 'First line.\n\nSecond line.')).toEqual([
      { kind: 'UNCHANGED', text: 'First line.' },
      { kind: 'ADDED', text: '\n\nSecond line.' },
    ]);
  });

  it('gives back both texts exactly, and keeps what they share', () => {
    const words = ['growth', 'team', 'we', 'hired', 'a', 'new', 'lead', '🚀', 'today', ',', '.', '\n', '  ', 'résumé', '#ai'];
    let seed = 7;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return words[seed % words.length] as string;
    };
    for (let round = 0; round < 200; round++) {
      const before = Array.from({ length: round % 30 }, () => `${pick()} `).join('');
      const after = Array.from({ length: (round * 7) % 30 }, () => `${pick()} `).join('');
      const diff = wordDiff(before, after);
      expect(side(diff, 'ADDED')).toBe(before);
      expect(side(diff, 'REMOVED')).toBe(after);
      for (let i = 1; i < diff.length; i++) expect(diff[i]?.kind).not.toBe(diff[i - 1]?.kind);
    }
  });

  it('diffs two 3,000-character posts quickly', () => {
    const text = (variant: string) => Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? variant : `w${i}`)).join(' ');
    const started = performance.now();
    const diff = wordDiff(text('old'), text('new'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(diff.filter((segment) => segment.kind === 'ADDED')).toHaveLength(8);
  });
});
