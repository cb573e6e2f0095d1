import { createHash } from 'node:crypto';
import { normalizeRequest } from './generation-request.js';
import { resolvePostType } from './templates.js';
import type { GenerationRequest } from './writer-types.js';

/** Bump when prompts or post-processing change, so cached posts from older rules are not served. */
const CACHE_KEY_VERSION = 2;

/**
 * sha256 hex of a request with defaults applied: topic and audience trimmed and lower-cased,
 * keywords lower-cased, de-duplicated and sorted, post type resolved from the tone.
 * Requests that would produce the same post share a key.
 */
export function generationCacheKey(request: GenerationRequest): string {
  const n = normalizeRequest(request);
  const canonical = {
    v: CACHE_KEY_VERSION,
    topic: n.topic.toLowerCase(),
    tone: n.tone,
    audience: n.audience?.toLowerCase() ?? null,
    keywords: [...new Set(n.keywords.map((k) => k.toLowerCase()))].sort(),
    maxLength: n.maxLength,
    includeHashtags: n.includeHashtags,
    language: n.language,
    postType: resolvePostType(n.tone, n.postType),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
