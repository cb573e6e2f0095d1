import { Registry } from 'prom-client';
import { createMetrics, type Metrics } from '../../src/infra/metrics.js';
import type { GenerationRequest } from '../../src/modules/generation/writer-types.js';

export const request = (overrides: Partial<GenerationRequest> = {}): GenerationRequest => ({
  topic: 'Remote work productivity',
  tone: 'PROFESSIONAL',
  audience: 'engineering managers',
  keywords: ['async communication', 'deep work'],
  includeHashtags: true,
  language: 'en',
  ...overrides,
});

export const testMetrics = () => createMetrics(new Registry());

/** Current value of a labelled counter or gauge (0 when the series does not exist yet). */
export async function metricValue(metric: Metrics[keyof Metrics], labels: Record<string, string>): Promise<number> {
  if (!('get' in metric)) return 0;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([k, val]) => (v.labels as Record<string, string | number>)[k] === val));
  return match?.value ?? 0;
}

/** LinkedIn rules every written post must meet. */
export function linkedInProblems(content: string, hashtags: string[], maxLength = 3000, includeHashtags = true): string[] {
  const problems: string[] = [];
  if (content.length > maxLength) problems.push(`too long: ${content.length}`);
  const firstLine = content.split('\n')[0] ?? '';
  if (firstLine.length > 210) problems.push(`hook past the fold: ${firstLine.length}`);
  if (/\*\*|__|\[[^\]]*\]\(|^#{1,6}\s|`/m.test(content)) problems.push('markdown left');
  if (/\n{3,}/.test(content)) problems.push('more than one blank line');
  if (content !== content.trim()) problems.push('untrimmed');
  const lastLine = content.split('\n').pop() ?? '';
  if (includeHashtags) {
    if (hashtags.length < 3 || hashtags.length > 5) problems.push(`hashtag count ${hashtags.length}`);
    if (lastLine !== hashtags.map((t) => `#${t}`).join(' ')) problems.push('hashtags are not the last line');
    if ((content.match(/#/g) ?? []).length !== hashtags.length) problems.push('hashtags outside the last line');
  } else if (hashtags.length || /#\p{L}/u.test(content)) {
    problems.push('hashtags present although not asked for');
  }
  return problems;
}
