import { isoDate, isTimeZone, localDate } from './zoned-time.rules.js';

/** One local day of a calendar: its date (YYYY-MM-DD in the calendar's zone) and what falls on it, in time order. */
export interface CalendarDay<T> {
  date: string;
  items: T[];
}

/** Items grouped by the local day their instant falls on in `timeZone`: days in order, only days that have some. */
export function groupByLocalDay<T>(items: readonly T[], instantOf: (item: T) => Date, timeZone: string): CalendarDay<T>[] {
  const days = new Map<string, { at: number; item: T }[]>();
  for (const item of items) {
    const at = instantOf(item).getTime();
    const date = isoDate(localDate(at, timeZone));
    const day = days.get(date);
    if (day) day.push({ at, item });
    else days.set(date, [{ at, item }]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, entries]) => ({ date, items: entries.sort((a, b) => a.at - b.at).map((entry) => entry.item) }));
}

/** The longest window a calendar answers: a quarter, a bit more than any month view needs. */
export const MAX_CALENDAR_DAYS = 92;

/** What is wrong with a calendar's window and zone, as argument problems; empty when nothing is. */
export function calendarProblems(from: Date, to: Date, timeZone: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!isTimeZone(timeZone)) problems.push({ path: 'timeZone', message: 'not an IANA time zone (e.g. "Europe/Berlin")' });
  if (to.getTime() <= from.getTime()) problems.push({ path: 'to', message: 'must be after `from`' });
  else if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000)
    problems.push({ path: 'to', message: `at most ${MAX_CALENDAR_DAYS} days after \`from\`` });
  return problems;
}
