import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { type ContentFacts, LONG_TEXT_ONLY_CHARACTERS } from '../../src/modules/analysis/content-warnings.js';

const GOOD_OPENING = 'We cut our support queue by 40% without hiring anyone.';
const warningsOf = (text: string, content?: ContentFacts) => analyzeText(text, { content }).warnings;
const LONG = `${GOOD_OPENING}\n\n${'Plain language beats clever language every time. '.repeat(30)}`;

describe('warnings by content kind', () => {
  it('a long text-only post is told to add a visual; the same text with an article, a poll or images is not, nor a short one', () => {
    expect(LONG.length).toBeGreaterThan(LONG_TEXT_ONLY_CHARACTERS);
    expect(warningsOf(LONG, { kind: 'TEXT' })).toEqual([expect.stringMatching(/nothing to look at/)]);
    expect(warningsOf(LONG, { kind: 'ARTICLE', title: 'Support at scale' })).toEqual([]);
    expect(warningsOf(LONG, { kind: 'POLL', options: ['Yes', 'No'] })).toEqual([]);
    expect(warningsOf(LONG, { kind: 'MEDIA', images: 1, imagesWithoutAltText: 0 })).toEqual([]);
    expect(warningsOf(GOOD_OPENING, { kind: 'TEXT' })).toEqual([]);
    expect(warningsOf(LONG)).toEqual([]);
  });

  it('an article post whose text only repeats the title is told to say why it is worth reading', () => {
    const title = 'How we cut our support queue by 40% without hiring anyone';
    expect(warningsOf('How we cut our support queue by 40% without hiring anyone!', { kind: 'ARTICLE', title })).toEqual([
      expect.stringMatching(/only repeats the article's title/),
    ]);
    expect(warningsOf(`${GOOD_OPENING} Here is what we changed, step by step.`, { kind: 'ARTICLE', title })).toEqual([]);
    expect(warningsOf(GOOD_OPENING, { kind: 'ARTICLE', title: null })).toEqual([]);
  });

  it('a URL in an article post is said to duplicate the attached link, not sent to the first comment', () => {
    const text = `${GOOD_OPENING} Read it at https://example.com/support`;
    expect(warningsOf(text, { kind: 'ARTICLE', title: 'Support' })).toEqual([expect.stringMatching(/link is attached/)]);
    expect(warningsOf(text, { kind: 'TEXT' })).toEqual([expect.stringMatching(/first comment/)]);
  });

  it('poll options too long to take in at a glance are counted', () => {
    expect(warningsOf(GOOD_OPENING, { kind: 'POLL', options: ['Yes', 'No'] })).toEqual([]);
    expect(warningsOf(GOOD_OPENING, { kind: 'POLL', options: ['Yes', 'Only after a long review'] })).toEqual([
      expect.stringMatching(/^A poll option is longer than 20/),
    ]);
    expect(warningsOf(GOOD_OPENING, { kind: 'POLL', options: ['Every single Friday ever', 'Only after a long review'] })).toEqual([
      expect.stringMatching(/^2 poll options are/),
    ]);
  });

  it('images without alt text are named, all or some', () => {
    expect(warningsOf(GOOD_OPENING, { kind: 'MEDIA', images: 1, imagesWithoutAltText: 1 })).toEqual([expect.stringMatching(/^The images have no alt text/)]);
    expect(warningsOf(GOOD_OPENING, { kind: 'MULTI_IMAGE', images: 4, imagesWithoutAltText: 2 })).toEqual([
      expect.stringMatching(/^2 of 4 images have no alt text/),
    ]);
    expect(warningsOf(GOOD_OPENING, { kind: 'MULTI_IMAGE', images: 4, imagesWithoutAltText: 0 })).toEqual([]);
  });
});
