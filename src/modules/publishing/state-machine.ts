import { conflict } from '../../shared/errors.js';

/** The lifecycle of a post on its way to LinkedIn (same names as the PostStatus enum). */
export type PostStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHING' | 'PUBLISHED' | 'FAILED' | 'ARCHIVED';

const TRANSITIONS: Readonly<Record<PostStatus, readonly PostStatus[]>> = {
  DRAFT: ['SCHEDULED', 'PUBLISHING', 'ARCHIVED'],
  // Back to DRAFT is cancelling the schedule.
  SCHEDULED: ['PUBLISHING', 'DRAFT'],
  // While retries are pending the post stays PUBLISHING; only the final outcome moves it.
  PUBLISHING: ['PUBLISHED', 'FAILED'],
  PUBLISHED: ['ARCHIVED'],
  // Retry now, or reschedule.
  FAILED: ['SCHEDULED', 'PUBLISHING', 'ARCHIVED'],
  // Unarchiving: back to PUBLISHED if it ever was, to DRAFT otherwise.
  ARCHIVED: ['DRAFT', 'PUBLISHED'],
};

const DESCRIPTIONS: Readonly<Record<PostStatus, string>> = {
  DRAFT: 'a draft',
  SCHEDULED: 'scheduled',
  PUBLISHING: 'being published',
  PUBLISHED: 'published',
  FAILED: 'failed to publish',
  ARCHIVED: 'archived',
};

export const nextStatuses = (from: PostStatus): readonly PostStatus[] => TRANSITIONS[from];

export const canTransition = (from: PostStatus, to: PostStatus): boolean => TRANSITIONS[from].includes(to);

/** Throws CONFLICT when a post in `from` cannot move to `to`. */
export function assertTransition(from: PostStatus, to: PostStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS[from];
  const hint = allowed.length ? ` From ${from} it can go to ${allowed.join(', ')}.` : '';
  throw conflict(`The post is ${DESCRIPTIONS[from]} and cannot move to ${to}.${hint}`);
}
