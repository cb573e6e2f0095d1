import type { NormalizedRequest } from './generation-request.js';
import { HASHTAG_RESERVE, topicHashtags } from './hashtag-picker.js';
import type { Phrasebook } from './phrasebooks/phrasebook.js';
import { pick, seededRandom } from './seeded-random.js';
import { resolvePostType } from './templates.js';

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole);
}

/** Three focus phrases for the {k1}..{k3} slots: the keywords, then the topic's own words. */
function focusPhrases(request: NormalizedRequest, phrasebook: Phrasebook): string[] {
  const fromTopic = topicHashtags(request.topic)
    .slice(1)
    .map((w) => w.toLowerCase());
  const phrases = [...request.keywords, ...fromTopic, ...phrasebook.focusFillers];
  return [...new Set(phrases)].slice(0, 3);
}

/**
 * Writes the raw text of a post from a language's phrasebook: hook, a bridge, the post type's beats, and a call
 * to action (the post processor adds the hashtags). Choices are seeded by the normalised request, so the same request
 * gives the same post. Optional middle beats are dropped until the draft fits the length budget.
 */
export function composeLocalPost(request: NormalizedRequest, phrasebook: Phrasebook): string {
  const random = seededRandom(JSON.stringify(request));
  const postType = resolvePostType(request.tone, request.postType);
  const tone = phrasebook.tones[request.tone];
  const [k1 = '', k2 = '', k3 = ''] = focusPhrases(request, phrasebook);
  const topic = request.topic;
  const slots = {
    topic,
    Topic: topic.charAt(0).toUpperCase() + topic.slice(1),
    audience: request.audience ?? phrasebook.defaultAudience,
    k1,
    k2,
    k3,
  };
  const hook = fill(pick(random, tone.hooks), slots);
  const bridge = fill(pick(random, tone.bridges), slots);
  const beats = phrasebook.beats[postType].map((alternatives) => fill(pick(random, alternatives), slots));
  const call = fill(pick(random, tone.calls), slots);
  const budget = request.maxLength - (request.includeHashtags ? HASHTAG_RESERVE : 0);
  const middle = [bridge, ...beats];
  const draft = () => [hook, ...middle, call].join('\n\n');
  while (draft().length > budget && middle.length > 1) middle.splice(middle.length - 1, 1);
  return draft();
}
