import type { analyzeText } from './analysis.service.js';

type AnalyzeText = typeof analyzeText;

let loading: Promise<AnalyzeText> | undefined;

/**
 * The analysis, loaded on its first use rather than at start: its language detector's n-grams and its
 * stopword lists hold about 60 MB resident, which a process that only serves reads never needs.
 */
export function loadAnalyzer(): Promise<AnalyzeText> {
  loading ??= import('./analysis.service.js').then((analysis) => analysis.analyzeText);
  return loading;
}
