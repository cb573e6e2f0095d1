import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/modules/analysis/analysis.service.js';
import { LocalPostWriter } from '../../src/modules/generation/local-writer.js';
import { WriterError } from '../../src/modules/generation/writer-errors.js';
import type { GenerationRequest, PostTone, PostType } from '../../src/modules/generation/writer-types.js';
import { linkedInProblems, request } from './helpers.js';

const TONES: PostTone[] = ['PROFESSIONAL', 'CASUAL', 'INSPIRATIONAL', 'EDUCATIONAL', 'STORYTELLING', 'HUMOROUS'];
const writer = new LocalPostWriter({ chunkDelayMs: 0 });

describe('local writer', () => {
  it('writes a distinct, valid, streamed post for each tone', async () => {
    const contents = new Set<string>();
    for (const tone of TONES) {
      const deltas: string[] = [];
      const post = await writer.write(request({ tone }), { onDelta: (d) => deltas.push(d) });
      expect(post.provider).toBe('local');
      expect(linkedInProblems(post.content, post.hashtags)).toEqual([]);
      expect(deltas.length).toBeGreaterThanOrEqual(5);
      expect(deltas.join('')).toBe(post.content);
      expect(post.content.split('\n\n').length).toBeGreaterThanOrEqual(4);
      expect(post.content).toMatch(/\?|comment|share/i);
      expect(post.hashtags.slice(0, 2)).toEqual(['asynccommunication', 'deepwork']);
      contents.add(post.content.split('\n')[0]!);
    }
    expect(contents.size).toBe(TONES.length);
  });

  it('is deterministic per input and varies across inputs', async () => {
    const a = await writer.write(request({ topic: 'Hiring junior engineers' }));
    const b = await writer.write(request({ topic: 'Hiring junior engineers' }));
    expect(b).toEqual(a);
    const topics = ['Hiring junior engineers', 'Pricing a SaaS product', 'Climate tech funding', 'Burnout in startups', 'Mentoring'];
    const posts = await Promise.all(topics.map((topic) => writer.write(request({ topic, keywords: [] }))));
    expect(
      new Set(
        posts.map((p) => p.content.replace(/\b(?:Hiring junior engineers|Pricing a SaaS product|Climate tech funding|Burnout in startups|Mentoring)\b/gi, '')),
      ).size,
    ).toBeGreaterThan(1);
    for (const post of posts) expect(linkedInProblems(post.content, post.hashtags)).toEqual([]);
  });

  it('respects maxLength, the fold and includeHashtags', async () => {
    for (const maxLength of [250, 400, 700]) {
      const post = await writer.write(request({ maxLength, tone: 'EDUCATIONAL' }));
      expect(linkedInProblems(post.content, post.hashtags, maxLength)).toEqual([]);
    }
    const bare = await writer.write(request({ includeHashtags: false }));
    expect(linkedInProblems(bare.content, bare.hashtags, 3000, false)).toEqual([]);
    const longTopic = await writer.write(
      request({
        topic:
          'why every distributed engineering organisation should rethink the way it runs planning, reviews and incident retrospectives in the age of async work',
        tone: 'PROFESSIONAL',
      }),
    );
    expect(linkedInProblems(longTopic.content, longTopic.hashtags)).toEqual([]);
  });

  const TOPICS: Record<string, string> = {
    en: 'Remote work productivity',
    es: 'Productividad en el trabajo remoto',
    de: 'Produktivität im Homeoffice',
    fr: 'La productivité en télétravail',
    pt: 'Produtividade no trabalho remoto',
  };
  const POST_TYPES: PostType[] = ['STORYTELLING', 'THOUGHT_LEADERSHIP', 'EDUCATIONAL', 'INDUSTRY_INSIGHT', 'COMPANY_CULTURE', 'PRODUCT_ANNOUNCEMENT', 'PLAIN'];

  it('writes every tone and post type in each language it supports, detected as that language by the analysis', async () => {
    for (const [language, topic] of Object.entries(TOPICS)) {
      const variants: Partial<GenerationRequest>[] = [
        ...TONES.map((tone) => ({ tone })),
        ...POST_TYPES.map((postType) => ({ tone: 'PROFESSIONAL' as const, postType })),
        // An English topic: the surrounding sentences still carry the language.
        ...TONES.map((tone) => ({ tone, topic: TOPICS.en })),
        ...TONES.map((tone) => ({ tone, maxLength: 250 })),
      ];
      const posts = await Promise.all(variants.map((variant) => writer.write(request({ language, topic, keywords: [], audience: undefined, ...variant }))));
      for (const [i, post] of posts.entries()) {
        const variant = variants[i]!;
        expect(analyzeText(post.content).language, `${language} ${JSON.stringify(variant)}: ${post.content}`).toBe(language);
        expect(linkedInProblems(post.content, post.hashtags, variant.maxLength)).toEqual([]);
      }
      const hooks = new Set(posts.slice(0, TONES.length).map((post) => post.content.split('\n')[0]));
      expect(hooks.size, `${language}: one hook per tone`).toBe(TONES.length);
    }
  });

  it('ends with a question to readers and hashtags in the language asked for', async () => {
    const spanish = await writer.write(request({ language: 'es', topic: 'Liderazgo', keywords: [], tone: 'CASUAL' }));
    expect(spanish.content).toMatch(/¿[^?]+\?/);
    expect(spanish.content).not.toMatch(/\b(the|and|your)\b/i);
    expect(spanish.hashtags).toContain('liderazgo');
    const german = await writer.write(request({ language: 'de', topic: 'Führung', keywords: [], tone: 'PROFESSIONAL', audience: undefined }));
    expect(german.content).toContain('Kolleginnen und Kollegen');
    expect(german.hashtags).toContain('führung');
  });

  it('refuses a language it cannot write with unsupported_language, before streaming anything', async () => {
    const deltas: string[] = [];
    const writing = writer.write(request({ language: 'ja' }), { onDelta: (d) => deltas.push(d) });
    await expect(writing).rejects.toBeInstanceOf(WriterError);
    await expect(writing).rejects.toMatchObject({ reason: 'unsupported_language', message: expect.stringContaining('en, es, de, fr, pt') });
    expect(deltas).toEqual([]);
  });

  it('rejects with AbortError when cancelled mid-stream', async () => {
    const controller = new AbortController();
    let deltas = 0;
    const writing = new LocalPostWriter({ chunkDelayMs: 1 }).write(request(), {
      signal: controller.signal,
      onDelta: () => {
        if (++deltas === 2) controller.abort();
      },
    });
    await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    expect(deltas).toBe(2);
  });
});
