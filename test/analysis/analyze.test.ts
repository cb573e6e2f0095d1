import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { MAX_POST_CHARACTERS } from '../../src/modules/analysis/analysis-rules.js';

const ENGLISH_POST = `Remote work is a skill, not a perk.

After three years leading a distributed engineering team, I learned that remote work only works when decisions are written down. Remote work rewards clear writing, and it punishes meetings without notes.`;

describe('analyzeText', () => {
  it('returns a JSON-serialisable analysis of an English post', () => {
    const analysis = analyzeText(ENGLISH_POST);
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
    expect(analysis.language).toBe('en');
    expect(analysis.sentiment.label).toMatch(/^(POSITIVE|NEUTRAL|NEGATIVE)$/);
    expect(analysis.keywords[0]?.term).toBe('remote work');
    expect(analysis.readability).toEqual(expect.any(Number));
    expect(analysis.warnings).toEqual([]);
  });

  it('counts characters as code points and words as a reader would', () => {
    const analysis = analyzeText('Great week 🚀 for the team: read https://example.com/a-b-c now');
    expect(analysis.characterCount).toBe([...'Great week 🚀 for the team: read https://example.com/a-b-c now'].length);
    expect(analysis.characterCount).toBe(61);
    // Great week for the team read <link> now: the emoji is not a word, the link is one.
    expect(analysis.wordCount).toBe(8);
  });

  it('handles empty text', () => {
    const analysis = analyzeText('');
    expect(analysis).toMatchObject({
      language: 'und',
      keywords: [],
      suggestedHashtags: [],
      readability: null,
      characterCount: 0,
      wordCount: 0,
      hook: '',
    });
    expect(analysis.sentiment.label).toBe('NEUTRAL');
    expect(analysis.warnings).toHaveLength(1);
    expect(analysis.warnings[0]).toMatch(/empty/);
  });

  it('handles a post longer than LinkedIn allows', () => {
    const text = `${ENGLISH_POST}\n\n`.repeat(15);
    const analysis = analyzeText(text);
    expect(analysis.characterCount).toBeGreaterThan(MAX_POST_CHARACTERS);
    expect(analysis.warnings.some((warning) => warning.includes(String(MAX_POST_CHARACTERS)))).toBe(true);
    expect(analysis.keywords.length).toBeLessThanOrEqual(10);
    expect([...analysis.hook].length).toBeLessThanOrEqual(210);
  });

  it('analyses Japanese written without spaces', () => {
    const text = '今日は新しいプロジェクトを始めました。チームの皆さんに感謝します。新しいプロジェクトはAIの研究です。';
    const analysis = analyzeText(text);
    expect(analysis.language).toBe('ja');
    expect(analysis.wordCount).toBeGreaterThan(10);
    expect(analysis.keywords[0]?.term).toBe('新しいプロジェクト');
    expect(analysis.readability).toBeNull();
    expect(analysis.hook).toBe(text);
  });

  it('analyses Chinese written without spaces', () => {
    const analysis = analyzeText('我们今天发布了新产品，感谢团队的努力。新产品将帮助中小企业提高效率。');
    expect(analysis.language).toBe('zh');
    expect(analysis.wordCount).toBeGreaterThan(10);
    expect(analysis.keywords.map((keyword) => keyword.term)).toContain('感谢团队');
    expect(analysis.keywords.every((keyword) => !keyword.term.includes(' '))).toBe(true);
  });

  it('says "und" for text too short to tell', () => {
    expect(analyzeText('Thanks!').language).toBe('und');
    expect(analyzeText('https://example.com/some/long/path').language).toBe('und');
  });

  it('is conservative with sentiment outside English', () => {
    // "die" is a strongly negative English word but the German article here.
    const german = analyzeText('Die Mitarbeiter und die Kunden haben die neue Software in der letzten Woche getestet.');
    expect(german.language).toBe('de');
    expect(german.sentiment.label).toBe('NEUTRAL');
  });
});
