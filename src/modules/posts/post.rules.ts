import { z } from 'zod';
import { normalizeHashtag } from '../analysis/hashtags.rules.js';

/** LinkedIn's limit on a post's commentary, in characters (Unicode code points). */
const MAX_CONTENT_LENGTH = 3000;
const MAX_HASHTAGS = 30;
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600 * 1000;

const characterLength = (text: string) => [...text].length;

export const contentSchema = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => characterLength(s) <= MAX_CONTENT_LENGTH, `must be at most ${MAX_CONTENT_LENGTH} characters (LinkedIn's limit)`);

export const hashtagsSchema = z
  .array(
    z
      .string()
      .max(101, 'a hashtag must be at most 100 characters')
      .refine((tag) => normalizeHashtag(tag) !== null, {
        message: 'a hashtag must contain letters, digits or underscores',
      }),
  )
  .max(MAX_HASHTAGS, `at most ${MAX_HASHTAGS} hashtags`);

/** Free text people write to each other (comments, review notes): not blank, no NUL, at most `max` characters. */
export const noteSchema = (max: number) =>
  z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .refine((s) => characterLength(s) <= max, `must be at most ${max} characters`);

/** The status condition of a listing that may hold the caller's own posts: ARCHIVED ones only when asked for. */
export const archivedCondition = (includeArchived: boolean | null | undefined) => (includeArchived ? undefined : { not: 'ARCHIVED' as const });
