import type { FieldProblem } from '../../shared/errors.js';
import { type PostingSchedule, parseLocalTime, type WeeklySlot } from './queue-slots.rules.js';
import { isTimeZone } from './zoned-time.rules.js';

/** More slots than anyone posts in a week (ten a day) is a mistake, not a schedule. */
export const MAX_SLOTS = 70;

/**
 * The schedule a client asked for, checked: a zone Intl knows, ISO weekdays 1–7 and local times
 * "HH:MM". Slots come back sorted by weekday and time, each once. Problems name the input path.
 */
export function checkSchedule(
  input: { timeZone: string; slots: readonly WeeklySlot[] },
  path: string,
): { schedule: PostingSchedule; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isTimeZone(input.timeZone)) problems.push({ path: `${path}.timeZone`, message: 'not an IANA time zone (e.g. "Europe/Berlin")' });
  if (input.slots.length > MAX_SLOTS) problems.push({ path: `${path}.slots`, message: `at most ${MAX_SLOTS} slots a week` });
  input.slots.forEach((slot, i) => {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      problems.push({ path: `${path}.slots.${i}.weekday`, message: 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)' });
    }
    if (!parseLocalTime(slot.time)) problems.push({ path: `${path}.slots.${i}.time`, message: 'must be a local time "HH:MM", 00:00 to 23:59' });
  });
  const unique = new Map(input.slots.map((slot) => [`${slot.weekday} ${slot.time}`, { weekday: slot.weekday, time: slot.time }]));
  const slots = [...unique.values()].sort((a, b) => a.weekday - b.weekday || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { schedule: { timeZone: input.timeZone, slots }, problems };
}

/** A stored schedule's slots (written by checkSchedule) as weekly slots. */
export function storedSlots(value: unknown): WeeklySlot[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((slot) =>
    slot && typeof slot === 'object' && typeof slot.weekday === 'number' && typeof slot.time === 'string' ? [{ weekday: slot.weekday, time: slot.time }] : [],
  );
}
