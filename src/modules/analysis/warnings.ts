import { HOOK_MAX_CHARACTERS, HOOK_MIN_WORDS, MAX_HASHTAGS, MAX_POST_CHARACTERS, SHOUTING_MIN_LETTERS, SHOUTING_UPPERCASE_SHARE } from './analysis-rules.js';
import { type ContentFacts, contentWarnings } from './content-warnings.js';
import { containsUrl, stripSyntax } from './text-patterns.js';
import { countCharacters, words } from './words.js';

export interface WarningFacts {
  text: string;
  characterCount: number;
  /** Every hashtag of the post, inline and attached, normalised and de-duplicated. */
  hashtags: readonly string[];
  /** What the post carries; without it only the text is judged. */
  content?: ContentFacts;
}

/** Openers so common on LinkedIn that readers scroll past them. */
const GENERIC_OPENERS =
  /^(?:i(?:'m| am) (?:so |very |super )?(?:excited|thrilled|happy|pleased|delighted|proud|humbled) to (?:announce|share)|(?:happy|excited|thrilled|pleased|delighted) to (?:announce|share)|hello (?:everyone|all|linkedin|network)|hi (?:everyone|all|linkedin|network)|dear (?:all|network|connections)|just wanted to share)\b/iu;

/** Advice for the author, one sentence each, in the order they matter. */
export function warningsFor({ text, characterCount, hashtags, content }: WarningFacts): string[] {
  const warnings: string[] = [];
  if (characterCount > MAX_POST_CHARACTERS) {
    warnings.push(
      `The post has ${characterCount} characters; LinkedIn accepts at most ${MAX_POST_CHARACTERS}, so shorten it by ${characterCount - MAX_POST_CHARACTERS}.`,
    );
  }
  if (hashtags.length > MAX_HASHTAGS) {
    warnings.push(
      `The post uses ${hashtags.length} hashtags; more than ${MAX_HASHTAGS} tends to look like spam and reduce reach, so keep the most relevant ${MAX_HASHTAGS} at most.`,
    );
  }
  // An article post's link is its attachment; contentWarnings says what to do with a URL in its text.
  if (containsUrl(text) && content?.kind !== 'ARTICLE') {
    warnings.push('The post contains a link; LinkedIn shows posts with links to fewer people, so consider putting the link in the first comment.');
  }
  const hookWarning = weakHookWarning(text);
  if (hookWarning) warnings.push(hookWarning);
  if (isShouting(text)) {
    warnings.push('Most of the post is in capital letters, which reads as shouting; use normal capitalisation and emphasise only a word or two.');
  }
  if (content) warnings.push(...contentWarnings(text, characterCount, content));
  return warnings;
}

function weakHookWarning(text: string): string | null {
  const firstLine = text.trim().split('\n')[0]?.trim() ?? '';
  if (!firstLine) return 'The post is empty: write an opening line that makes readers want to click "see more".';
  if (countCharacters(firstLine) > HOOK_MAX_CHARACTERS) {
    return `The first line runs past LinkedIn's "see more" fold (about ${HOOK_MAX_CHARACTERS} characters); open with a shorter sentence that lands before it.`;
  }
  if (words(stripSyntax(firstLine)).length < HOOK_MIN_WORDS) {
    return `The opening line is very short (under ${HOOK_MIN_WORDS} words); a specific claim, number or question gives readers a reason to read on.`;
  }
  if (GENERIC_OPENERS.test(firstLine.replace(/’/g, "'"))) {
    return 'The opening line is a generic phrase readers scroll past; lead with the news or the insight itself.';
  }
  return null;
}

const UPPERCASE = /\p{Lu}/gu;
const LOWERCASE = /\p{Ll}/gu;

function isShouting(text: string): boolean {
  const prose = stripSyntax(text);
  const upper = prose.match(UPPERCASE)?.length ?? 0;
  const lower = prose.match(LOWERCASE)?.length ?? 0;
  const cased = upper + lower;
  return cased >= SHOUTING_MIN_LETTERS && upper / cased >= SHOUTING_UPPERCASE_SHARE;
}
