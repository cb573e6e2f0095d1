/**
 * Wall-clock time in IANA time zones with Intl alone (no time-zone library is a dependency). Instants
 * are epoch milliseconds; local times are plain fields read in a zone.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a zone Intl does not know. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`, as if it were UTC (milliseconds, whole seconds). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) parts[type] = Number(value);
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** How far `timeZone`'s clocks are ahead of UTC at `instant`. */
const offsetAt = (instant: number, timeZone: string) => wallClockMs(instant, timeZone) - Math.floor(instant / 1000) * 1000;

/** The calendar date in `timeZone` at `instant`. */
export function localDate(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** `date` moved by `days` on the calendar, with its ISO weekday (1 Monday … 7 Sunday). */
export function addDays(date: LocalDate, days: number): LocalDate & { weekday: number } {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate(), weekday: moved.getUTCDay() || 7 };
}

export const isoDate = ({ year, month, day }: LocalDate) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The instant a wall-clock time happens in `timeZone`. A time the clocks skip (02:30 on a spring-forward
 * night) becomes the first instant after it, when the clocks jump; a time that happens twice (01:30 on a
 * fall-back night) is its first occurrence.
 */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const wanted = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(wanted - DAY_MS, timeZone);
  const after = offsetAt(wanted + DAY_MS, timeZone);
  const matches = [wanted - before, wanted - after].filter((instant) => wallClockMs(instant, timeZone) === wanted);
  if (matches.length) return Math.min(...matches);
  // Skipped: the clocks jumped between `early` (still on the old offset) and `late` (on the new one).
  let early = wanted - after;
  let late = wanted - before;
  while (late - early > 1000) {
    const middle = early + Math.floor((late - early) / 2000) * 1000;
    if (offsetAt(middle, timeZone) === before) early = middle;
    else late = middle;
  }
  return late;
}
