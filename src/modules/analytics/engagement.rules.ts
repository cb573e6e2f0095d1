import { badInput, type FieldProblem } from '../../shared/errors.js';

export const ENGAGEMENT_TYPES = ['IMPRESSION', 'REACTION', 'COMMENT', 'REPOST', 'CLICK'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const MAX_EVENTS_PER_CALL = 1000;
/** A single event's count; far above any real post, low enough that one batch cannot overflow a counter. */
export const MAX_EVENT_COUNT = 1_000_000;
/** Clocks of ingesters drift; an event this far ahead of ours is still accepted. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EVENT_AGE_MS = 730 * 24 * 3600_000;
const MAX_EVENT_ID_LENGTH = 200;

export interface EngagementInput {
  /** The raw post id; null when the client sent something that is not a post's ID. */
  postId: string | null;
  type: EngagementType;
  count?: number | null;
  at?: Date | null;
  eventId?: string | null;
}

export interface Engagement {
  postId: string;
  type: EngagementType;
  count: number;
  at: Date;
  eventId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an event's field sits in the arguments, for `extensions.fields` (e.g. `events.3.count`). */
export type FieldPath = (index: number, field: keyof EngagementInput) => string;

function problemsOf(event: EngagementInput, now: number): [keyof EngagementInput, string][] {
  const problems: [keyof EngagementInput, string][] = [];
  if (event.postId === null || !UUID.test(event.postId)) problems.push(['postId', 'is not a post ID']);
  if (!ENGAGEMENT_TYPES.includes(event.type)) problems.push(['type', 'is not an engagement type']);
  const count = event.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_EVENT_COUNT) {
    problems.push(['count', `must be a whole number from 1 to ${MAX_EVENT_COUNT.toLocaleString('en')}`]);
  }
  const at = event.at?.getTime() ?? now;
  if (Number.isNaN(at)) problems.push(['at', 'is not a valid instant']);
  else if (at > now + MAX_CLOCK_SKEW_MS) problems.push(['at', 'must not be in the future']);
  else if (at < now - MAX_EVENT_AGE_MS) problems.push(['at', 'must be within the last two years']);
  if (event.eventId != null && (event.eventId.length === 0 || event.eventId.length > MAX_EVENT_ID_LENGTH)) {
    problems.push(['eventId', `must be 1 to ${MAX_EVENT_ID_LENGTH} characters`]);
  }
  return problems;
}

/** Checks a whole batch before anything is stored; BAD_USER_INPUT names every invalid field. */
export function validateEngagements(events: readonly EngagementInput[], path: FieldPath, now = Date.now()): Engagement[] {
  if (events.length > MAX_EVENTS_PER_CALL) {
    throw badInput([{ path: 'events', message: `at most ${MAX_EVENTS_PER_CALL} events a call (got ${events.length})` }]);
  }
  const problems: FieldProblem[] = events.flatMap((event, i) => problemsOf(event, now).map(([field, message]) => ({ path: path(i, field), message })));
  const [first] = problems;
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw badInput(problems, `${first.path} ${first.message}${more}.`);
  }
  return events.map((e) => ({
    postId: e.postId!.toLowerCase(),
    type: e.type,
    count: e.count ?? 1,
    at: e.at ?? new Date(now),
    eventId: e.eventId ?? null,
  }));
}
