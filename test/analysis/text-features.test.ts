import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { extractKeywords } from '../../src/modules/analysis/keywords.js';
import { readingEase } from '../../src/modules/analysis/readability.js';
import { countSyllables } from '../../src/modules/analysis/syllables.js';

describe('keywords', () => {
  const text =
    'Remote work is here to stay. Remote work changed hiring: we hire across 12 time zones, and remote work needs ' +
    'async habits. More at https://example.com/remote-playbook and www.example.org/guide #Leadership @janedoe';
  const keywords = extractKeywords(text, 'en');
  const terms = keywords.map((keyword) => keyword.term);

  it('ranks the recurring theme first with scores normalised to 0..1', () => {
    expect(terms[0]).toBe('remote work');
    expect(keywords[0]?.score).toBe(1);
    expect(keywords.every((keyword) => keyword.score > 0 && keyword.score <= 1)).toBe(true);
    expect(keywords.map((keyword) => keyword.score)).toEqual([...keywords.map((keyword) => keyword.score)].sort((a, b) => b - a));
  });

  it('excludes stop words, numbers, links, mentions and hashtags', () => {
    const allWords = terms.flatMap((term) => term.split(' '));
    for (const excluded of ['is', 'to', 'and', 'we', '12', 'https', 'example', 'com', 'playbook', 'guide', 'leadership', 'janedoe']) {
      expect(allWords).not.toContain(excluded);
    }
  });

  it('uses the stop words of the detected language', () => {
    const spanish = extractKeywords('La transformación digital de las empresas empieza con las personas y con los equipos.', 'es');
    const words = spanish.flatMap((keyword) => keyword.term.split(' '));
    expect(words).toContain('transformación');
    for (const stopword of ['la', 'de', 'las', 'con', 'y', 'los']) expect(words).not.toContain(stopword);
  });

  it('keeps at most 10', () => {
    const many = Array.from({ length: 40 }, (_, i) => `topic${String.fromCharCode(97 + (i % 26))}${i}`).join(', ');
    expect(extractKeywords(many, 'en')).toHaveLength(10);
  });
});

describe('suggested hashtags', () => {
  const text =
    'Remote work changed how we hire. Remote work needs async habits, written decisions and trust. ' +
    'Our engineering team now spans twelve time zones, and async habits keep engineering calm.';

  it('suggests 3 to 5 normalised hashtags, none the post already uses', () => {
    const { suggestedHashtags } = analyzeText(`${text} #RemoteWork`, { hashtags: ['asynchabits'] });
    expect(suggestedHashtags.length).toBeGreaterThanOrEqual(3);
    expect(suggestedHashtags.length).toBeLessThanOrEqual(5);
    expect(new Set(suggestedHashtags).size).toBe(suggestedHashtags.length);
    for (const tag of suggestedHashtags) expect(tag).toMatch(/^[\p{Ll}\p{Lo}\p{N}_]+$/u);
    expect(suggestedHashtags).not.toContain('remotework');
    expect(suggestedHashtags).not.toContain('asynchabits');
  });

  it('prefers popular hashtags that fit the text, and fills up with popular ones only to reach 3', () => {
    const { suggestedHashtags } = analyzeText(text, { popularHashtags: ['#Trust', 'Marketing'] });
    expect(suggestedHashtags[0]).toBe('trust');
    expect(suggestedHashtags).not.toContain('marketing');
    const short = analyzeText('Async habits matter.', { popularHashtags: ['Leadership', 'Careers', 'Hiring'] });
    // "async habits matter" is one three-word keyword: too long for a hashtag, so its words are offered.
    expect(short.suggestedHashtags).toEqual(['async', 'habits', 'matter']);
    const tiny = analyzeText('Thanks!', { popularHashtags: ['Leadership', 'Careers', 'Hiring'] });
    expect(tiny.suggestedHashtags).toEqual(['thanks', 'leadership', 'careers']);
  });
});

describe('readability', () => {
  it('counts English syllables with the usual heuristic', () => {
    expect(countSyllables('cat', 'en')).toBe(1);
    expect(countSyllables('make', 'en')).toBe(1);
    expect(countSyllables('reading', 'en')).toBe(2);
    expect(countSyllables('communication', 'en')).toBe(5);
  });

  it('scores plain English as easy and dense English as hard', () => {
    const easy = readingEase('We shipped it. The team was glad. Now we rest.', 'en');
    const hard = readingEase(
      'Organisational transformation necessitates comprehensive stakeholder alignment regarding operational prioritisation methodologies.',
      'en',
    );
    expect(easy).toBeGreaterThan(90);
    expect(hard).toBeLessThan(0);
  });

  it('uses the variant of each supported language and null elsewhere', () => {
    for (const language of ['en', 'es', 'de', 'fr', 'it', 'nl', 'pt']) {
      expect(readingEase('Una frase corta. Otra frase.', language)).toEqual(expect.any(Number));
    }
    // Amstad (German): 2 words per sentence, 5 syllables in 4 words (ge-hen): 180 - 2 - 58.5 * 1.25.
    expect(readingEase('Wir gehen. Du bleibst.', 'de')).toBe(104.9);
    expect(readingEase('今日は晴れです。', 'ja')).toBeNull();
    expect(readingEase('', 'en')).toBeNull();
    expect(readingEase('https://example.com 🚀', 'en')).toBeNull();
  });
});
