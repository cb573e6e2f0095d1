/** Thresholds behind the analysis and its warnings, in one place so they can be tuned and tested. */

/** LinkedIn's limit for a post's commentary, in characters (Unicode code points). */
export const MAX_POST_CHARACTERS = 3000;
/** LinkedIn shows roughly this many characters before "…see more". */
export const HOOK_MAX_CHARACTERS = 210;
/** …or this many lines, whichever comes first. */
export const HOOK_MAX_LINES = 3;
/** A first line shorter than this many words rarely makes anyone stop scrolling. */
export const HOOK_MIN_WORDS = 3;
/** Beyond this many hashtags LinkedIn's reach drops and posts read as spam. */
export const MAX_HASHTAGS = 5;
/** Shouting is only judged over at least this many cased letters (a short "NEW ROLE" is fine). */
export const SHOUTING_MIN_LETTERS = 20;
/** Share of cased letters that are uppercase from which a post reads as shouting. */
export const SHOUTING_UPPERCASE_SHARE = 0.6;

/** Below this many letters no detector is trustworthy; ideographs count as several letters. */
export const LANGUAGE_MIN_LETTERS = 12;
export const LANGUAGE_IDEOGRAPH_WEIGHT = 3;
/** Minimum relative lead of the best language over the runner-up to report it. */
export const LANGUAGE_MIN_MARGIN = 0.03;
/** Detection reads only the start of a post: enough for accuracy, and it bounds the cost. */
export const LANGUAGE_SAMPLE_CHARACTERS = 600;

/** VADER's own thresholds on the compound score. */
export const SENTIMENT_POSITIVE_FROM = 0.05;
export const SENTIMENT_NEGATIVE_UPTO = -0.05;
/** Stricter thresholds for texts that are not English (see sentiment.ts). */
export const SENTIMENT_NON_ENGLISH_THRESHOLD = 0.5;

export const MAX_KEYWORDS = 10;
export const MAX_KEYWORD_PHRASE_WORDS = 3;
export const MIN_SUGGESTED_HASHTAGS = 3;
export const MAX_SUGGESTED_HASHTAGS = 5;
/** Longer hashtags are unreadable once concatenated (#customersuccessmanagementstrategy). */
export const MAX_SUGGESTED_HASHTAG_LENGTH = 25;
