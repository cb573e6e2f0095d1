/** Per-post cost of analyzeText on ~1,000-character posts: `npx tsx test/analysis/timing.ts`. */
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { analyzeText } from '../../src/modules/analysis/analyze.js';
import languageSamples from './fixtures/languages.json' with { type: 'json' };

const posts = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'].map((language) =>
  languageSamples
    .filter((sample) => sample.language === language)
    .map((sample) => sample.text)
    .join('\n\n')
    .slice(0, 1000),
);

function microsecondsPerCall(run: (post: string) => unknown): number {
  for (let i = 0; i < 50; i += 1) posts.forEach(run);
  const rounds = 200;
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) posts.forEach(run);
  return ((performance.now() - start) / (rounds * posts.length)) * 1000;
}

const total = microsecondsPerCall((post) => analyzeText(post));
const vader = microsecondsPerCall((post) => SentimentIntensityAnalyzer.polarity_scores(post));
console.log(`analyzeText: ${total.toFixed(0)} µs per 1,000-character post (${posts.length} languages)`);
console.log(`  of which vader-sentiment's polarity_scores: ${vader.toFixed(0)} µs`);
