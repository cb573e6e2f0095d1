/** Prints measured accuracy of language detection and sentiment: `npx tsx test/analysis/accuracy.ts`. */
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { type Accuracy, LONG_TEXT_WORDS, measureLanguage, measureSentiment, SENTIMENT_LABELS, viaDetector } from './accuracy-measures.js';
import { LANGUAGE_DETECTORS } from './detectors.js';

const percent = ({ correct, total, rate }: Accuracy) => `${(rate * 100).toFixed(1)}% (${correct}/${total})`;

console.log(`Language (texts of ${LONG_TEXT_WORDS}+ words | all texts)`);
const rows: [string, (text: string) => string][] = [
  ...Object.entries(LANGUAGE_DETECTORS).map(([name, detector]) => [name, viaDetector(detector)] as [string, (text: string) => string]),
  ['analyzeText (eld + "und" rules)', (text) => analyzeText(text).language],
];
for (const [name, detect] of rows) {
  const result = measureLanguage(detect);
  console.log(`  ${name.padEnd(32)} ${percent(result.long).padEnd(18)} | ${percent(result.all)}`);
  for (const error of result.errors) console.log(`      miss ${error}`);
}

console.log('\nShort-text stress test: the same samples cut to their first 3 | 5 | 8 words (all texts)');
const firstWords = (count: number, detect: (text: string) => string) => (text: string) => detect(text.split(/\s+/).slice(0, count).join(' '));
for (const [name, detect] of rows) {
  const cells = [3, 5, 8].map((count) => percent(measureLanguage(firstWords(count, detect)).all).padEnd(16));
  console.log(`  ${name.padEnd(32)} ${cells.join('| ')}`);
}

const sentiment = measureSentiment();
console.log(`\nSentiment (VADER, English): ${percent(sentiment)}`);
console.log(`  ${'expected \\ predicted'.padEnd(22)}${SENTIMENT_LABELS.map((label) => label.padStart(10)).join('')}`);
for (const expected of SENTIMENT_LABELS) {
  const cells = SENTIMENT_LABELS.map((predicted) => String(sentiment.confusion[expected][predicted]).padStart(10)).join('');
  console.log(`  ${expected.padEnd(22)}${cells}`);
}
for (const error of sentiment.errors) console.log(`      miss ${error}`);
