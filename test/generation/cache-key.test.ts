import { describe, expect, it } from 'vitest';
import { generationCacheKey } from '../../src/modules/generation/cache-key.js';
import { request } from './helpers.js';

describe('generationCacheKey', () => {
  it('ignores case, spacing, keyword order and explicit defaults', () => {
    const base = generationCacheKey(request({ topic: 'Remote work', keywords: ['Deep Work', 'async'] }));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(generationCacheKey(request({ topic: '  remote   WORK ', keywords: ['async', 'deep work', 'ASYNC'] }))).toBe(base);
    expect(generationCacheKey(request({ topic: 'Remote work', keywords: ['Deep Work', 'async'], maxLength: 3000, postType: 'THOUGHT_LEADERSHIP' }))).toBe(base);
  });

  it('differs when anything that changes the post differs', () => {
    const base = generationCacheKey(request());
    for (const change of [
      { tone: 'CASUAL' as const },
      { maxLength: 1000 },
      { includeHashtags: false },
      { language: 'es' },
      { audience: 'founders' },
      { keywords: ['ai'] },
      { postType: 'EDUCATIONAL' as const },
    ]) {
      expect(generationCacheKey(request(change))).not.toBe(base);
    }
  });
});
