import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { polarityScores } from '../../src/modules/analysis/vader/polarity.js';
import languageSamples from './fixtures/languages.json' with { type: 'json' };
import sentimentSamples from './fixtures/sentiment.json' with { type: 'json' };
import { realisticPosts } from './realistic-posts.js';

/** One sentence per VADER rule, each written so the rule changes the score. */
const RULE_CASES = [
  'The food is good.',
  'The food is not good.',
  "The food isn't good at all",
  'The food is never so good',
  'never this bad, honestly',
  'The food is very good!!!',
  'The food is VERY good, really',
  'The food is GOOD and the service is fine',
  'The food is slightly good??',
  'Is the food good????',
  'The food is kind of good',
  'The food is sort of good',
  'The food was good but the service was horrible',
  'The food was good BUT the service was horrible',
  'This is the least helpful answer',
  'least helpful answer',
  'At least it is helpful',
  'at the very least helpful',
  'That movie was the bomb',
  'yeah right, great idea',
  'He can cut the mustard easily',
  'it was the kiss of death for us',
  'living hand to mouth is hard',
  'that was bad ass',
  'the shit was amazing',
  'I am just enough happy',
  'Nope, nothing good here :( :-)',
  ':D that was fun ;) <3',
  '"Great!" she said... "great..."',
  '!!!great ?!?wonderful happy!?!? sad!!',
  "I can't stand it, we're fed up and screwed up",
  'Ain’t nobody happy without coffee despite the good weather',
  'ALL CAPS GREAT NEWS',
  'great\u00a0news\u2003for\u2028everyone 🎉🚀',
  '',
  '   ',
  'a b c ! ?',
];

const VOCABULARY = [
  'good',
  'great',
  'bad',
  'horrible',
  'love',
  'hate',
  'happy',
  'sad',
  'kind',
  'of',
  'sort',
  'not',
  "don't",
  "isn't",
  'never',
  'so',
  'this',
  'very',
  'extremely',
  'slightly',
  'barely',
  'but',
  'BUT',
  'least',
  'at',
  'the',
  'bomb',
  'shit',
  'yeah',
  'right',
  'cut',
  'mustard',
  'kiss',
  'death',
  'hand',
  'to',
  'mouth',
  'bad',
  'ass',
  'just',
  'enough',
  'team',
  'launch',
  'product',
  'customers',
  'win',
  'fail',
  'proud',
  'sorry',
  'no',
  'without',
  'nothing',
  'fun',
  'lol',
  ':)',
  ':(',
  ':-D',
  '<3',
  'wow',
  'ok',
  'meh',
  'x',
  'I',
  'we',
];
const DECORATIONS = ['', '', '', '!', '?', '.', ',', '...', '!!!', '?!?', '"', "'", ':'];

/** Deterministic sentences mixing sentiment words with every kind of modifier, case and punctuation. */
function generatedSentences(count: number): string[] {
  let state = 42;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 2 + Math.floor(next() * 14) }, () => {
      let word = pick(VOCABULARY);
      if (next() < 0.12) word = word.toUpperCase();
      return next() < 0.5 ? pick(DECORATIONS) + word : word + pick(DECORATIONS);
    });
    return words.join(next() < 0.9 ? ' ' : '  ');
  });
}

const texts = [
  ...RULE_CASES,
  ...sentimentSamples.map((sample) => sample.text),
  ...languageSamples.map((sample) => sample.text),
  ...generatedSentences(500),
  ...realisticPosts(100, 3),
];

describe('our VADER scorer', () => {
  it(`scores ${texts.length} texts as vader-sentiment does, to 1e-4`, () => {
    const mismatches = texts.flatMap((text) => {
      const reference = SentimentIntensityAnalyzer.polarity_scores(text);
      const ours = polarityScores(text);
      const differs = (['compound', 'pos', 'neu', 'neg'] as const).some((key) => !(Math.abs(ours[key] - reference[key]) < 1e-4));
      return differs ? [{ text, ours, reference }] : [];
    });
    expect(texts.length).toBeGreaterThan(700);
    expect(mismatches).toEqual([]);
  });

  it('is exercised by the rule cases: negation, "but", capitals, idioms and punctuation all move the score', () => {
    const compound = (text: string) => polarityScores(text).compound;
    expect(compound('The food is not good.')).toBeLessThan(0);
    expect(compound('The food is very good!!!')).toBeGreaterThan(compound('The food is good.'));
    expect(compound('The food is GOOD and the service is fine')).toBeGreaterThan(compound('The food is good and the service is fine'));
    expect(compound('The food was good but the service was horrible')).toBeLessThan(compound('The food was good and the service was horrible'));
    expect(compound('That movie was the bomb')).toBeGreaterThan(0);
    expect(compound('The food is kind of good')).toBeLessThan(compound('The food is good'));
  });

  it('is what production code uses: nothing under src imports the vader-sentiment package', () => {
    const root = join(import.meta.dirname, '../../src');
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const importing = sources.filter((file) => /from ['"]vader-sentiment['"]|require\(['"]vader-sentiment['"]\)/.test(readFileSync(join(root, file), 'utf8')));
    expect(importing).toEqual([]);
  });
});
