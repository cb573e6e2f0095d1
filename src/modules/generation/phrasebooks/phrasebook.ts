import type { PostTone, PostType } from '../writer-types.js';

/** One tone's phrases. Slots: {topic}, {Topic} (capitalised), {audience}, {k1}..{k3} (keywords, or topic words). */
export interface TonePhrases {
  /** The first line, at most ~150 characters once filled. */
  hooks: readonly string[];
  /** A sentence that turns the tone into the middle of the post. */
  bridges: readonly string[];
  /** The closing call to action. */
  calls: readonly string[];
}

/**
 * Everything the offline writer says in one language, written by a speaker of it rather than
 * translated word for word, so the post reads naturally and the analysis detects its language.
 * Sentences avoid articles and agreement around the slots, since a topic's gender is unknown.
 */
export interface Phrasebook {
  /** Who the post speaks to when the request names no audience. */
  defaultAudience: string;
  /** Stand-ins for {k1}..{k3} when the keywords and the topic give fewer than three. */
  focusFillers: readonly string[];
  /** Middle paragraphs per post type, in order; one alternative of each is picked per post. */
  beats: Record<PostType, readonly (readonly string[])[]>;
  tones: Record<PostTone, TonePhrases>;
  /** Used only when topic and keywords yield fewer than three hashtags. */
  fallbackHashtags: Record<PostType, readonly string[]>;
}
