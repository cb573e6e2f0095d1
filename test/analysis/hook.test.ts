import { describe, expect, it } from 'vitest';
import { HOOK_MAX_CHARACTERS } from '../../src/modules/analysis/analysis-rules.js';
import { extractHook } from '../../src/modules/analysis/hook.js';

const codePoints = (text: string) => [...text].length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('extractHook', () => {
  it('returns a short text whole, trimmed', () => {
    expect(extractHook('  Short and sweet.  \n')).toBe('Short and sweet.');
  });

  it('cuts a long line at a word boundary within the limit', () => {
    const text = `${'word '.repeat(30)}${'long'.repeat(18)} and more after it`;
    const hook = extractHook(text);
    expect(codePoints(hook)).toBeLessThanOrEqual(HOOK_MAX_CHARACTERS);
    expect(text.startsWith(hook)).toBe(true);
    expect(hook.endsWith('word')).toBe(true);
    expect(hook).not.toMatch(/\s$/);
  });

  it('never cuts inside a word', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    const hook = extractHook(text);
    const next = text.slice(hook.length);
    expect(next).toMatch(/^\s/);
    expect(codePoints(hook)).toBeGreaterThan(HOOK_MAX_CHARACTERS - 15);
  });

  it('stops at the third line break', () => {
    expect(extractHook('Line one\nLine two\nLine three\nLine four\nLine five')).toBe('Line one\nLine two\nLine three');
    expect(extractHook('I quit my job.\n\nHere is why.\n\nIt was not the money.')).toBe('I quit my job.\n\nHere is why.');
  });

  it('never splits emoji, surrogate pairs or joined emoji', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = `${'🚀'.repeat(100)}${family.repeat(30)}`;
    const hook = extractHook(text);
    expect(codePoints(hook)).toBeLessThanOrEqual(HOOK_MAX_CHARACTERS);
    expect(hook).not.toMatch(LONE_SURROGATE);
    const rest = text.slice(hook.length);
    expect(rest.startsWith(family)).toBe(true);
  });

  it('cuts unspaced Japanese between words', () => {
    const text = '今日は新しいプロジェクトを始めました。'.repeat(20);
    const hook = extractHook(text);
    expect(codePoints(hook)).toBeLessThanOrEqual(HOOK_MAX_CHARACTERS);
    expect(codePoints(hook)).toBeGreaterThan(HOOK_MAX_CHARACTERS - 12);
    expect(text.startsWith(hook)).toBe(true);
  });
});
