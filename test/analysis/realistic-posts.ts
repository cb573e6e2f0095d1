import { seededRandom } from '../../src/modules/generation/seeded-random.js';
import languageSamples from './fixtures/languages.json' with { type: 'json' };
import sentimentSamples from './fixtures/sentiment.json' with { type: 'json' };

const SENTENCES_BY_LANGUAGE = new Map<string, string[]>();
for (const { language, text } of languageSamples) {
  SENTENCES_BY_LANGUAGE.set(language, [...(SENTENCES_BY_LANGUAGE.get(language) ?? []), text]);
}
SENTENCES_BY_LANGUAGE.get('en')?.push(...sentimentSamples.map((sample) => sample.text));

const LANGUAGES = [...SENTENCES_BY_LANGUAGE.keys()];
const EXTRAS = [' 🚀', ' 👇', ' https://example.com/blog/launch-notes', ' @Maya Chen', '!', ' #RemoteWork', ' #Leadership #AI'];

/**
 * LinkedIn-like posts built from the labelled fixtures: 70% English, the rest spread over the other
 * fixture languages; lengths 300–2,400 characters (median about 1,000), paragraphs separated by blank
 * lines, with the occasional emoji, link, mention and hashtags.
 */
export function realisticPosts(count: number, seed = 1): string[] {
  const next = seededRandom(String(seed));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const posts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const language = next() < 0.7 ? 'en' : pick(LANGUAGES.filter((code) => code !== 'en'));
    const sentences = SENTENCES_BY_LANGUAGE.get(language) ?? [];
    const target = Math.round(300 + 2100 * next() ** 1.6);
    let post = '';
    while (post.length < target) {
      post += (post ? '\n\n' : '') + pick(sentences) + (next() < 0.3 ? pick(EXTRAS) : '');
    }
    posts.push(post);
  }
  return posts;
}
