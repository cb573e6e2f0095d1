import { addDays, instantOf, localDate } from './zoned-time.rules.js';

/** A slot of a weekly posting schedule: an ISO weekday (1 Monday … 7 Sunday) and a local time "HH:MM". */
export interface WeeklySlot {
  weekday: number;
  time: string;
}

/** When a workspace (or one of its accounts) posts: weekly local times in an IANA time zone. */
export interface PostingSchedule {
  timeZone: string;
  slots: readonly WeeklySlot[];
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" (00:00 to 23:59) as hours and minutes; null for anything else. */
export function parseLocalTime(time: string): { hour: number; minute: number } | null {
  const match = LOCAL_TIME.exec(time);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/** How far ahead a queue looks for a free slot: a year and a bit, like the furthest a post may be scheduled. */
const HORIZON_DAYS = 370;

/**
 * The first slot of `schedule` strictly after `after` that no instant in `taken` holds, or null when there
 * is none within the horizon (no slots, or all taken). Each slot is read in the schedule's zone on each
 * day (see instantOf for the nights the clocks change); slots landing on one instant are one slot.
 */
export function nextFreeSlot(schedule: PostingSchedule, after: Date, taken: Iterable<Date>): Date | null {
  const byWeekday = new Map<number, { hour: number; minute: number }[]>();
  for (const slot of schedule.slots) {
    const time = parseLocalTime(slot.time);
    if (!time) throw new RangeError(`"${slot.time}" is not a local time HH:MM`);
    byWeekday.set(slot.weekday, [...(byWeekday.get(slot.weekday) ?? []), time]);
  }
  if (byWeekday.size === 0) return null;
  const busy = new Set([...taken].map((instant) => instant.getTime()));
  const start = localDate(after.getTime(), schedule.timeZone);
  for (let days = 0; days <= HORIZON_DAYS; days++) {
    const date = addDays(start, days);
    const free = (byWeekday.get(date.weekday) ?? [])
      .map((time) => instantOf({ ...date, ...time }, schedule.timeZone))
      .filter((instant) => instant > after.getTime() && !busy.has(instant))
      .sort((a, b) => a - b);
    if (free[0] !== undefined) return new Date(free[0]);
  }
  return null;
}

/**
 * Whether `at` is one of the schedule's slots: the slot the queue would hand out from a millisecond
 * before, so a time the clocks skip or repeat counts exactly where nextFreeSlot puts it.
 */
export function isSlotInstant(schedule: PostingSchedule, at: Date): boolean {
  return nextFreeSlot(schedule, new Date(at.getTime() - 1), [])?.getTime() === at.getTime();
}
