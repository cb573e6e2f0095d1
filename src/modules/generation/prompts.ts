import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { NormalizedRequest } from './generation-request.js';
import { HASHTAG_RESERVE } from './hashtag-picker.js';
import { IMAGE_MARKER } from './image-brief.js';
import { HOOK_MAX_CHARS } from './postprocess.js';
import { POST_TYPES, resolvePostType, TONES } from './templates.js';

const languageName = (code: string) => new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;

function systemPrompt(request: NormalizedRequest): string {
  const hashtagRule = request.includeHashtags
    ? '- End the post with one line of 3 to 5 relevant hashtags (#likeThis, no spaces inside a tag).'
    : '- Do not use any hashtags.';
  return [
    'You are an expert LinkedIn ghostwriter. You write posts people stop scrolling for: specific, human, useful.',
    'Rules (LinkedIn renders plain text only):',
    `- At most ${request.maxLength - (request.includeHashtags ? HASHTAG_RESERVE : 0)} characters before the hashtags.`,
    `- The first line is the hook: one line of at most ${HOOK_MAX_CHARS} characters that makes the reader click "see more". Then a blank line.`,
    '- Short paragraphs of 1 to 3 sentences, separated by blank lines. Lists use "1." or "•" at the start of a line.',
    '- No markdown: no **bold**, no _italics_, no # headings, no [text](links), no code blocks, no tables.',
    '- End the body with a clear call to action or question that invites comments.',
    hashtagRule,
    `- Write in ${languageName(request.language)} (${request.language}): the hook, the body, the call to action and the hashtags.`,
    '- Output only the post text: no title, no preamble, no notes, no quotation marks around it.',
    `After the post, write a line with only ${IMAGE_MARKER}, then two lines suggesting one image to go with the post:`,
    'Brief: <one or two sentences describing the image for a designer: subject, setting, style; no text in the image>',
    'Alt text: <what the image shows, for screen readers, at most 120 characters, in the language of the post>',
  ].join('\n');
}

function userPrompt(request: NormalizedRequest): string {
  const postType = POST_TYPES[resolvePostType(request.tone, request.postType)];
  const lines = [`Write ${postType.label} about: ${request.topic}`, `Structure: ${postType.structure}`, `Voice: ${TONES[request.tone].voice}`];
  if (request.audience) lines.push(`Audience: ${request.audience}. Speak to their situation directly.`);
  if (request.keywords.length) {
    lines.push(`Work these keywords in naturally and use them for the hashtags where they fit: ${request.keywords.join(', ')}.`);
  }
  return lines.join('\n');
}

/** The chat messages for one generation request: the LinkedIn rules, then the brief. */
export function buildPromptMessages(request: NormalizedRequest): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: systemPrompt(request) },
    { role: 'user', content: userPrompt(request) },
  ];
}
