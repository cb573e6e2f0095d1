import { extractHashtags } from './hashtags.js';

export interface PostAnalysis {
  language: string;
  sentiment: { label: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE'; compound: number; positive: number; neutral: number; negative: number };
  keywords: { term: string; score: number }[];
  suggestedHashtags: string[];
  readability: number | null;
  characterCount: number;
  wordCount: number;
  hook: string;
  warnings: string[];
}

const FOLD = 210;

/** Basic analysis: counts, hook and length warnings (the full pipeline replaces this). */
export function analyzeText(text: string, options: { hashtags?: readonly string[] } = {}): PostAnalysis {
  const characters = [...text];
  const words = text.split(/\s+/).filter(Boolean);
  const hook = characters.length <= FOLD ? text.trim() : characters.slice(0, FOLD).join('').replace(/\s+\S*$/, '').trim();
  const hashtags = new Set([...extractHashtags(text), ...(options.hashtags ?? [])]);
  const warnings: string[] = [];
  if (characters.length > 3000) warnings.push('The post is over LinkedIn\'s 3,000-character limit.');
  if (hashtags.size > 5) warnings.push('More than 5 hashtags reads as spam; keep 3 to 5.');
  return {
    language: 'und',
    sentiment: { label: 'NEUTRAL', compound: 0, positive: 0, neutral: 1, negative: 0 },
    keywords: [],
    suggestedHashtags: [],
    readability: null,
    characterCount: characters.length,
    wordCount: words.length,
    hook,
    warnings,
  };
}
