import type { PostTone, PostVisibility } from '../../generated/prisma/enums.js';
import type { ContentFacts, PostAnalysis } from '../analysis/analysis.service.js';
import { extractHashtags, normalizeHashtags } from '../analysis/hashtags.rules.js';

/** A new post as its author writes it. */
export interface PostDraft {
  content: string;
  hashtags?: readonly string[] | null;
  tone?: PostTone | null;
  visibility?: PostVisibility | null;
}

/** An edit: omitted fields stay; `expectedVersion`, when given, must be the post's version. */
export type PostChanges = { [K in keyof PostDraft]?: PostDraft[K] | null } & { expectedVersion?: number | null };

/** The fields of a stored post an edit starts from. */
export interface EditablePost {
  content: string;
  hashtags: readonly string[];
  tone: PostTone | null;
  visibility: PostVisibility;
}

export interface PostEdit {
  content?: string;
  hashtags?: string[];
  analysis?: PostAnalysis;
  tone?: PostTone | null;
  visibility?: PostVisibility;
}

export type Analyze = (text: string, options: { hashtags: readonly string[]; content?: ContentFacts }) => PostAnalysis;

/**
 * A post's hashtags: the ones its author gave, then the ones written inline in its content. A given
 * tag the content also has counts as the content's and leaves with it, so cutting a generated post's
 * closing line of tags removes them. The tags given beyond the content are thus exactly the stored
 * hashtags the content does not have, and need no column of their own.
 */
export function postHashtags(content: string, given: readonly string[] = []): string[] {
  return normalizeHashtags([...given, ...extractHashtags(content)]);
}

function givenBeyondContent(post: EditablePost): string[] {
  const inline = new Set(extractHashtags(post.content));
  return post.hashtags.filter((tag) => !inline.has(tag));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** What the post will carry after the edit, and whether the edit changes it. */
export interface AttachmentPlan {
  facts: ContentFacts;
  changes: boolean;
}

/**
 * What an edit writes to `current`: only the fields that change, with the hashtags and the analysis
 * derived from the content as it will be stored. Null when the edit changes nothing.
 */
export function planEdit(
  current: EditablePost,
  changes: PostChanges,
  analyze: Analyze,
  attachment: AttachmentPlan = { facts: { kind: 'TEXT' }, changes: false },
): PostEdit | null {
  const content = changes.content ?? current.content;
  const hashtags = postHashtags(content, changes.hashtags ?? givenBeyondContent(current));
  const edit: PostEdit = {};
  if (content !== current.content) edit.content = content;
  if (!sameList(hashtags, current.hashtags)) edit.hashtags = hashtags;
  // The warnings depend on what the post carries too, so a new attachment means a new analysis.
  if (edit.content !== undefined || edit.hashtags || attachment.changes) edit.analysis = analyze(content, { hashtags, content: attachment.facts });
  if (changes.tone !== undefined && changes.tone !== current.tone) edit.tone = changes.tone;
  if (changes.visibility && changes.visibility !== current.visibility) edit.visibility = changes.visibility;
  return Object.keys(edit).length ? edit : null;
}
