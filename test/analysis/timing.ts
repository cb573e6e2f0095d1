/**
 * Per-post cost of analyzeText and of each of its steps: `npx tsx test/analysis/timing.ts [posts]`.
 * Each post is timed REPEATS times and its fastest run kept, which filters out the moments another
 * process had the CPU; reported are the median and 90th percentile of those over realistic posts (see
 * realistic-posts.ts) after a warm-up, and the CPU time per post over all runs.
 */
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { extractHook } from '../../src/modules/analysis/hook.js';
import { extractKeywords } from '../../src/modules/analysis/keywords.js';
import { detectLanguage } from '../../src/modules/analysis/language.js';
import { readingEase } from '../../src/modules/analysis/readability.js';
import { analyzeSentiment } from '../../src/modules/analysis/sentiment.js';
import { suggestHashtags } from '../../src/modules/analysis/suggested-hashtags.js';
import { warningsFor } from '../../src/modules/analysis/warnings.js';
import { countCharacters, countWords } from '../../src/modules/analysis/words.js';
import { realisticPosts } from './realistic-posts.js';

const posts = realisticPosts(Number(process.argv[2] ?? 1000));
const REPEATS = 5;
const POPULAR = ['leadership', 'ai', 'remotework', 'hiring', 'careers', 'productmanagement', 'innovation', 'engineering'];
const prepared = posts.map((text) => {
  const language = detectLanguage(text);
  return { text, language, keywords: extractKeywords(text, language) };
});

interface Timing {
  medianMicroseconds: number;
  p90Microseconds: number;
  cpuMicroseconds: number;
}

function measure(run: (index: number) => unknown): Timing {
  for (let round = 0; round < 3; round += 1) for (let i = 0; i < posts.length; i += 1) run(i);
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < posts.length; i += 1) {
    let fastest = Infinity;
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const start = performance.now();
      run(i);
      fastest = Math.min(fastest, (performance.now() - start) * 1000);
    }
    samples.push(fastest);
  }
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? 0;
  return { medianMicroseconds: at(0.5), p90Microseconds: at(0.9), cpuMicroseconds: (cpu.user + cpu.system) / (posts.length * REPEATS) };
}

const steps: [string, (index: number) => unknown][] = [
  ['analyzeText', (i) => analyzeText(posts[i] ?? '', { popularHashtags: POPULAR })],
  ['  detectLanguage', (i) => detectLanguage(posts[i] ?? '')],
  ['  extractKeywords', (i) => extractKeywords(posts[i] ?? '', prepared[i]?.language ?? 'und')],
  ['  analyzeSentiment', (i) => analyzeSentiment(posts[i] ?? '', prepared[i]?.language ?? 'und')],
  ['  suggestHashtags', (i) => suggestHashtags({ text: posts[i] ?? '', keywords: prepared[i]?.keywords ?? [], existing: [], popular: POPULAR })],
  ['  readingEase', (i) => readingEase(posts[i] ?? '', prepared[i]?.language ?? 'und')],
  ['  countWords', (i) => countWords(posts[i] ?? '')],
  ['  extractHook', (i) => extractHook(posts[i] ?? '')],
  ['  warningsFor', (i) => warningsFor({ text: posts[i] ?? '', characterCount: countCharacters(posts[i] ?? ''), hashtags: [] })],
];

const lengths = posts.map((post) => post.length).sort((a, b) => a - b);
console.log(`${posts.length} posts, median ${lengths[Math.floor(lengths.length / 2)]} characters`);
console.log(`${'step'.padEnd(22)}${'median µs'.padStart(11)}${'p90 µs'.padStart(10)}${'CPU µs/post'.padStart(13)}`);
for (const [name, run] of steps) {
  const { medianMicroseconds, p90Microseconds, cpuMicroseconds } = measure(run);
  console.log(
    `${name.padEnd(22)}${medianMicroseconds.toFixed(0).padStart(11)}${p90Microseconds.toFixed(0).padStart(10)}${cpuMicroseconds.toFixed(0).padStart(13)}`,
  );
}
