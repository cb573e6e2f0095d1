import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { measureLanguage, measureSentiment } from './accuracy-measures.js';

describe('measured accuracy on the labelled fixtures', () => {
  it('detects the language of at least 90% of posts with 20+ words', () => {
    const result = measureLanguage((text) => analyzeText(text).language);
    expect(result.long.total).toBeGreaterThanOrEqual(50);
    expect(result.long.rate).toBeGreaterThanOrEqual(0.9);
  });

  it('labels the sentiment of at least 75% of English posts as a human did', () => {
    const result = measureSentiment();
    expect(result.total).toBeGreaterThanOrEqual(60);
    expect(result.rate).toBeGreaterThanOrEqual(0.75);
  });
});
