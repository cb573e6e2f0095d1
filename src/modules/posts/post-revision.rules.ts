import type { PostAnalysis } from '../analysis/analysis.service.js';

/** What a revision keeps of its content's analysis, to compare versions at a glance. */
export interface RevisionSummary {
  wordCount: number;
  characterCount: number;
  readability: number | null;
  sentiment: PostAnalysis['sentiment']['label'];
  /** Characters above LinkedIn's "see more" fold. */
  hookLength: number;
}

export const revisionSummary = (analysis: PostAnalysis): RevisionSummary => ({
  wordCount: analysis.wordCount,
  characterCount: analysis.characterCount,
  readability: analysis.readability,
  sentiment: analysis.sentiment.label,
  hookLength: [...analysis.hook].length,
});
