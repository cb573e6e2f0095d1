import type { PostTone, PostType } from './writer-types.js';

/**
 * Prompt engineering as data: each post type has a structure the model follows, each tone a voice.
 * The instructions are English whatever language the post is written in (the prompt names the
 * language); the offline writer's own sentences live in phrasebooks/, one per language.
 */
export interface PostTypeTemplate {
  label: string;
  /** Instruction for the model: the beats of the post in order. */
  structure: string;
}

export interface ToneTemplate {
  /** Instruction for the model. */
  voice: string;
}

export const POST_TYPES: Record<PostType, PostTypeTemplate> = {
  STORYTELLING: {
    label: 'a personal story',
    structure:
      'Open in the middle of a concrete moment. Tell what happened in 2–3 short paragraphs (situation, tension, turning point). End with the lesson in one line and a question for readers.',
  },
  THOUGHT_LEADERSHIP: {
    label: 'a thought-leadership opinion',
    structure:
      'State a clear, slightly contrarian point of view in the first line. Back it with 2–3 reasons, each in its own short paragraph. Acknowledge the strongest counter-argument in one sentence. Close with what readers should do differently and a question.',
  },
  EDUCATIONAL: {
    label: 'an educational explainer',
    structure:
      'Promise one concrete takeaway in the first line. Teach it in 3–5 short numbered steps or tips (plain "1." numbering, one line each). Add one common mistake to avoid. Close with a question inviting readers to add their own tip.',
  },
  INDUSTRY_INSIGHT: {
    label: 'an industry insight',
    structure:
      'Lead with the trend or shift in one sharp line. Explain what is changing and why now in 2 short paragraphs. Spell out what it means for the audience in practice. Close with a prediction and a question.',
  },
  COMPANY_CULTURE: {
    label: 'a company-culture post',
    structure:
      'Open with a specific moment from inside the team. Describe the practice or value behind it in 2 short paragraphs, with one concrete example. Say why it matters to the people involved. Close with an invitation (to share, to join, or to compare notes).',
  },
  PRODUCT_ANNOUNCEMENT: {
    label: 'a product announcement',
    structure:
      'Announce the news in the first line with the benefit, not the feature name. Explain the problem it solves for the audience in one short paragraph, then 2–3 concrete things it lets them do. Close with a clear next step (try it, reply, comment) and a question.',
  },
  PLAIN: {
    label: 'a short conversational post',
    structure: 'One strong first line, then 2–3 short paragraphs with a single clear idea and a concrete example. Close with a question that invites replies.',
  },
};

export const TONES: Record<PostTone, ToneTemplate> = {
  PROFESSIONAL: {
    voice: 'Professional and credible: confident, precise, warm but not casual; no slang, no hype.',
  },
  CASUAL: {
    voice: 'Casual and friendly: conversational, first person, short sentences, like talking to a colleague over coffee.',
  },
  INSPIRATIONAL: {
    voice: 'Inspirational and uplifting: hopeful, energetic, focused on growth and possibility, grounded in real experience.',
  },
  EDUCATIONAL: {
    voice: 'Educational and clear: teaches one practical thing, plain language, concrete steps, no jargon without a one-line explanation.',
  },
  STORYTELLING: {
    voice: 'Storytelling: a first-person narrative with a concrete moment, tension and a turning point, ending in a lesson.',
  },
  HUMOROUS: {
    voice: 'Light and humorous: witty, self-deprecating, playful observations, never mocking anyone, still with a real point.',
  },
};

/** When a request names no post type, the tone suggests the shape that suits it best. */
const POST_TYPE_FOR_TONE: Record<PostTone, PostType> = {
  PROFESSIONAL: 'THOUGHT_LEADERSHIP',
  CASUAL: 'PLAIN',
  INSPIRATIONAL: 'STORYTELLING',
  EDUCATIONAL: 'EDUCATIONAL',
  STORYTELLING: 'STORYTELLING',
  HUMOROUS: 'PLAIN',
};

export const resolvePostType = (tone: PostTone, postType?: PostType): PostType => postType ?? POST_TYPE_FOR_TONE[tone];
