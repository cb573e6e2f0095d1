import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import type { FieldRateLimit } from '../../graphql/plugins/use-field-rate-limits.js';
import { type CachePolicy, MINUTE } from '../../response-cache/policy.js';
import type { PostAnalysis as PostAnalysisShape } from './analysis.service.js';
import { loadAnalyzer } from './analyzer.service.js';

export const SentimentLabel = builder.enumType('SentimentLabel', {
  description: "Overall tone of a text, from VADER's compound score (≥ 0.05 positive, ≤ -0.05 negative).",
  values: ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const,
});

const Sentiment = builder.objectRef<PostAnalysisShape['sentiment']>('Sentiment').implement({
  description: 'Sentiment scores. The three proportions sum to 1.',
  fields: (t) => ({
    label: t.field({ type: SentimentLabel, resolve: (s) => s.label, description: 'The overall label.' }),
    compound: t.exposeFloat('compound', { description: 'Normalised score from -1 (most negative) to 1 (most positive).' }),
    positive: t.exposeFloat('positive', { description: 'Share of the text that reads positive, 0..1.' }),
    neutral: t.exposeFloat('neutral', { description: 'Share of the text that reads neutral, 0..1.' }),
    negative: t.exposeFloat('negative', { description: 'Share of the text that reads negative, 0..1.' }),
  }),
});

const Keyword = builder.objectRef<PostAnalysisShape['keywords'][number]>('Keyword').implement({
  description: 'A term or short phrase the text is about.',
  fields: (t) => ({
    term: t.exposeString('term', { description: 'The term, lower-cased.' }),
    score: t.exposeFloat('score', { description: 'Relevance from 0 to 1; keywords are sorted by it.' }),
  }),
});

export const PostAnalysis = builder.objectRef<PostAnalysisShape>('PostAnalysis').implement({
  extensions: { cache: { ttlMs: 10 * MINUTE } satisfies CachePolicy },
  description: 'What a text says about itself. Stored per content version of a post; never recomputed on read.',
  fields: (t) => ({
    language: t.exposeString('language', { description: 'ISO 639-1 code ("en", "es", ...), or "und" when unsure.' }),
    sentiment: t.field({ type: Sentiment, resolve: (a) => a.sentiment }),
    keywords: t.field({ type: [Keyword], resolve: (a) => a.keywords, description: 'Ranked, most relevant first.' }),
    suggestedHashtags: t.exposeStringList('suggestedHashtags', { description: '3 to 5 hashtags worth adding, without "#".' }),
    readability: t.exposeFloat('readability', {
      nullable: true,
      description: 'Flesch reading ease (higher is easier; 60–70 is plain English), null where the language has no formula.',
    }),
    characterCount: t.exposeInt('characterCount', { description: 'Characters as LinkedIn counts them (Unicode code points).' }),
    wordCount: t.exposeInt('wordCount'),
    hook: t.exposeString('hook', { description: 'What a reader sees before LinkedIn\'s "see more" fold (about 210 characters).' }),
    warnings: t.exposeStringList('warnings', { description: 'Problems worth fixing before publishing, as sentences.' }),
  }),
});

builder.queryField('analyzeText', (t) =>
  t.field({
    type: PostAnalysis,
    description: 'Runs the post analysis on any text without storing anything. Handy for live feedback in an editor.',
    extensions: { rateLimit: 'analysis' satisfies FieldRateLimit, cache: { ttlMs: 60 * MINUTE } satisfies CachePolicy },
    args: {
      text: t.arg.string({
        required: true,
        validate: z.string().max(10_000, 'must be at most 10,000 characters'),
      }),
    },
    resolve: async (_root, { text }) => (await loadAnalyzer())(text),
  }),
);
