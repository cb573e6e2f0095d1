import { badInput, type FieldProblem } from '../../shared/errors.js';
import type { GenerationRequest, PostTone, PostType } from './writer-types.js';

export const LINKEDIN_MAX_CHARS = 3000;
/** Below this, a hook, one paragraph and three hashtags no longer fit. */
const MIN_MAX_LENGTH = 250;
const MAX_TOPIC_CHARS = 300;
const MAX_KEYWORDS = 10;

const TONES: readonly PostTone[] = ['PROFESSIONAL', 'CASUAL', 'INSPIRATIONAL', 'EDUCATIONAL', 'STORYTELLING', 'HUMOROUS'];
const POST_TYPES: readonly PostType[] = [
  'STORYTELLING',
  'THOUGHT_LEADERSHIP',
  'EDUCATIONAL',
  'INDUSTRY_INSIGHT',
  'COMPANY_CULTURE',
  'PRODUCT_ANNOUNCEMENT',
  'PLAIN',
];

/** A request with every default applied and its text tidied; what writers and the cache key work from. */
export interface NormalizedRequest {
  topic: string;
  tone: PostTone;
  audience?: string;
  keywords: string[];
  maxLength: number;
  includeHashtags: boolean;
  language: string;
  postType?: PostType;
}

const tidy = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

export function normalizeRequest(request: GenerationRequest): NormalizedRequest {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of request.keywords ?? []) {
    const keyword = tidy(raw);
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      keywords.push(keyword);
    }
  }
  const audience = request.audience ? tidy(request.audience) : '';
  return {
    topic: tidy(request.topic),
    tone: request.tone,
    ...(audience ? { audience } : {}),
    keywords,
    maxLength: Math.min(request.maxLength ?? LINKEDIN_MAX_CHARS, LINKEDIN_MAX_CHARS),
    includeHashtags: request.includeHashtags,
    language: request.language.trim().toLowerCase() || 'en',
    ...(request.postType ? { postType: request.postType } : {}),
  };
}

/**
 * Checks a request before it is queued. Paths are relative to `input` as the GraphQL layer names it,
 * so the error can be returned to the client as is.
 */
export function validateGenerationRequest(request: GenerationRequest, path = 'input'): NormalizedRequest {
  const problems: FieldProblem[] = [];
  const topic = tidy(request.topic);
  if (!topic) problems.push({ path: `${path}.topic`, message: 'must not be empty' });
  if (topic.length > MAX_TOPIC_CHARS) problems.push({ path: `${path}.topic`, message: `must be at most ${MAX_TOPIC_CHARS} characters` });
  if (!TONES.includes(request.tone)) problems.push({ path: `${path}.tone`, message: `must be one of ${TONES.join(', ')}` });
  if (request.postType !== undefined && !POST_TYPES.includes(request.postType)) {
    problems.push({ path: `${path}.postType`, message: `must be one of ${POST_TYPES.join(', ')}` });
  }
  if (
    request.maxLength !== undefined &&
    (!Number.isInteger(request.maxLength) || request.maxLength < MIN_MAX_LENGTH || request.maxLength > LINKEDIN_MAX_CHARS)
  ) {
    problems.push({ path: `${path}.maxLength`, message: `must be a whole number from ${MIN_MAX_LENGTH} to ${LINKEDIN_MAX_CHARS}` });
  }
  if ((request.keywords?.length ?? 0) > MAX_KEYWORDS) problems.push({ path: `${path}.keywords`, message: `at most ${MAX_KEYWORDS} keywords` });
  if (request.keywords?.some((k) => tidy(k).length > 50)) problems.push({ path: `${path}.keywords`, message: 'each keyword must be at most 50 characters' });
  if ((request.audience?.length ?? 0) > 200) problems.push({ path: `${path}.audience`, message: 'must be at most 200 characters' });
  if (!/^[a-z]{2}$/i.test(request.language.trim())) problems.push({ path: `${path}.language`, message: 'must be an ISO 639-1 code such as "en"' });
  if (problems.length) throw badInput(problems);
  return normalizeRequest(request);
}
