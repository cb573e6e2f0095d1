import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';

const GOOD_OPENING = 'We cut our support queue by 40% without hiring anyone.';
const warningsOf = (text: string, hashtags?: readonly string[]) => analyzeText(text, { hashtags }).warnings;

describe('warnings', () => {
  it('gives none for a well-formed post', () => {
    expect(warningsOf(`${GOOD_OPENING}\n\nWe rewrote the onboarding emails in plain language.`)).toEqual([]);
  });

  it('warns about a post over 3,000 characters', () => {
    const text = `${GOOD_OPENING}\n\n${'Plain language beats clever language. '.repeat(80)}`;
    expect(warningsOf(text)).toEqual([expect.stringMatching(/at most 3000/)]);
  });

  it('warns about more than 5 hashtags, counting inline and attached tags once each', () => {
    const text = `${GOOD_OPENING}\n\n#Support #CX #Writing`;
    expect(warningsOf(text, ['support', 'cx', 'writing'])).toEqual([]);
    expect(warningsOf(text, ['support', 'onboarding', 'email', 'plainlanguage'])).toEqual([expect.stringMatching(/6 hashtags/)]);
  });

  it('warns about a link in the body and suggests the first comment', () => {
    expect(warningsOf(`${GOOD_OPENING}\n\nDetails: https://example.com/support-story`)).toEqual([expect.stringMatching(/first comment/)]);
    expect(warningsOf(`${GOOD_OPENING} Details at www.example.com`)).toEqual([expect.stringMatching(/link/)]);
  });

  it('warns about a first line too long to land before the fold', () => {
    const text = `${'We rewrote every onboarding email in plain language and '.repeat(4)}it worked.`;
    expect(warningsOf(text)).toEqual([expect.stringMatching(/see more/)]);
  });

  it('warns about a very short opening line', () => {
    expect(warningsOf('Big news.\n\nWe rewrote every onboarding email in plain language.')).toEqual([expect.stringMatching(/very short/)]);
  });

  it('warns about a generic opening line', () => {
    expect(warningsOf("I'm thrilled to announce that I joined a new company as a product manager.")).toEqual([expect.stringMatching(/generic/)]);
  });

  it('warns about an empty post', () => {
    expect(warningsOf('   ')).toEqual([expect.stringMatching(/empty/)]);
  });

  it('warns about all-caps shouting, but not about a short capitalised phrase', () => {
    expect(warningsOf('WE ARE HIRING FIVE ENGINEERS RIGHT NOW, APPLY TODAY!')).toEqual([expect.stringMatching(/shouting/)]);
    expect(warningsOf(`NEW ROLE: ${GOOD_OPENING}`)).toEqual([]);
  });
});
