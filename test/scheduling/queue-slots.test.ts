import { describe, expect, it } from 'vitest';
import { groupByLocalDay } from '../../src/modules/scheduling/calendar.rules.js';
import { isSlotInstant, nextFreeSlot, type PostingSchedule, parseLocalTime } from '../../src/modules/scheduling/queue-slots.rules.js';
import { instantOf, isTimeZone } from '../../src/modules/scheduling/zoned-time.rules.js';

const at = (iso: string) => new Date(iso);
const MONDAY = 1;
const SATURDAY = 6;
const SUNDAY = 7;
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Every slot a queue hands out, one after another, as addToQueue would fill them. */
function fill(schedule: PostingSchedule, after: Date, count: number): string[] {
  const taken: Date[] = [];
  for (let i = 0; i < count; i++) {
    const next = nextFreeSlot(schedule, after, taken);
    if (!next) break;
    taken.push(next);
  }
  return taken.map((date) => date.toISOString());
}

describe('wall-clock times across a DST change', () => {
  it.each([
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 (CET +1 → CEST +2) and falls back on 2026-10-25 at 03:00.
    ['Europe/Berlin', '2026-03-29 01:59', '2026-03-29T00:59:00.000Z'],
    ['Europe/Berlin', '2026-03-29 02:00', '2026-03-29T01:00:00.000Z'], // skipped: when the clocks jump
    ['Europe/Berlin', '2026-03-29 02:30', '2026-03-29T01:00:00.000Z'], // skipped
    ['Europe/Berlin', '2026-03-29 03:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z'], // twice: the first (CEST)
    ['Europe/Berlin', '2026-10-25 03:00', '2026-10-25T02:00:00.000Z'],
    // America/New_York springs forward on 2026-03-08 at 02:00 (EST -5 → EDT -4) and falls back on 2026-11-01 at 02:00.
    ['America/New_York', '2026-03-08 02:30', '2026-03-08T07:00:00.000Z'], // skipped
    ['America/New_York', '2026-03-08 09:00', '2026-03-08T13:00:00.000Z'],
    ['America/New_York', '2026-11-01 01:30', '2026-11-01T05:30:00.000Z'], // twice: the first (EDT)
    ['America/New_York', '2026-11-01 09:00', '2026-11-01T14:00:00.000Z'],
    ['UTC', '2026-03-29 02:30', '2026-03-29T02:30:00.000Z'],
  ])('%s %s is %s', (timeZone, local, expected) => {
    const [year, month, day, hour, minute] = local.split(/[- :]/).map(Number) as [number, number, number, number, number];
    expect(new Date(instantOf({ year, month, day, hour, minute }, timeZone)).toISOString()).toBe(expected);
  });

  it('knows real zones from made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('nextFreeSlot', () => {
  const berlinSunday: PostingSchedule = {
    timeZone: 'Europe/Berlin',
    slots: [
      { weekday: SUNDAY, time: '02:30' },
      { weekday: SUNDAY, time: '09:00' },
    ],
  };

  it('moves a slot the spring-forward night skips to the moment the clocks jump (Berlin)', () => {
    expect(fill(berlinSunday, at('2026-03-28T12:00:00Z'), 3)).toEqual([
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2026-03-29T07:00:00.000Z', // 09:00 CEST
      '2026-04-05T00:30:00.000Z', // 02:30 CEST a week later
    ]);
  });

  it('a skipped slot and the slot it lands on are one slot, not two posts at once', () => {
    const both: PostingSchedule = { timeZone: 'Europe/Berlin', slots: [...berlinSunday.slots, { weekday: SUNDAY, time: '03:00' }] };
    expect(fill(both, at('2026-03-28T12:00:00Z'), 2)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('takes a time the fall-back night has twice once, at its first occurrence (Berlin)', () => {
    expect(fill(berlinSunday, at('2026-10-24T12:00:00Z'), 3)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not 02:30 CET an hour later
      '2026-10-25T08:00:00.000Z', // 09:00 CET
      '2026-11-01T01:30:00.000Z',
    ]);
  });

  it('keeps daily local times across both changes in New York', () => {
    const daily: PostingSchedule = { timeZone: 'America/New_York', slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '09:00' })) };
    expect(fill(daily, at('2026-03-07T00:00:00Z'), 3)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    expect(fill(daily, at('2026-10-31T00:00:00Z'), 3)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('handles the New York spring-forward and fall-back slots inside the changing hour', () => {
    const night: PostingSchedule = {
      timeZone: 'America/New_York',
      slots: [
        { weekday: SUNDAY, time: '02:30' },
        { weekday: SUNDAY, time: '01:30' },
      ],
    };
    expect(fill(night, at('2026-03-07T12:00:00Z'), 2)).toEqual(['2026-03-08T06:30:00.000Z', '2026-03-08T07:00:00.000Z']);
    expect(fill(night, at('2026-10-31T12:00:00Z'), 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T07:30:00.000Z']);
  });

  it('with several slots a day, gives the earliest free one and never one in the past', () => {
    const weekdays: PostingSchedule = {
      timeZone: 'Europe/Berlin',
      slots: [
        { weekday: MONDAY, time: '17:00' },
        { weekday: MONDAY, time: '09:00' },
        { weekday: MONDAY, time: '12:00' },
      ],
    };
    const mondayTen = at('2026-06-01T08:00:00Z'); // 10:00 CEST
    expect(iso(nextFreeSlot(weekdays, mondayTen, []))).toBe('2026-06-01T10:00:00.000Z');
    expect(iso(nextFreeSlot(weekdays, mondayTen, [at('2026-06-01T10:00:00Z')]))).toBe('2026-06-01T15:00:00.000Z');
    // A slot exactly now is already gone.
    expect(iso(nextFreeSlot(weekdays, at('2026-06-01T15:00:00Z'), []))).toBe('2026-06-08T07:00:00.000Z');
  });

  it('skips a whole week taken to the week after', () => {
    const twiceDaily: PostingSchedule = {
      timeZone: 'America/New_York',
      slots: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
        { weekday, time: '08:30' },
        { weekday, time: '18:00' },
      ]),
    };
    const week = fill(twiceDaily, at('2026-06-01T04:00:00Z'), 14).map(at); // from Monday 00:00 EDT
    expect(week).toHaveLength(14);
    expect(new Set(week.map((d) => d.getTime())).size).toBe(14);
    expect(iso(nextFreeSlot(twiceDaily, at('2026-06-01T04:00:00Z'), week))).toBe('2026-06-08T12:30:00.000Z');
  });

  it('answers null without slots, or with every slot of the horizon taken; refuses a malformed time', () => {
    expect(nextFreeSlot({ timeZone: 'UTC', slots: [] }, at('2026-01-01T00:00:00Z'), [])).toBeNull();
    const once: PostingSchedule = { timeZone: 'UTC', slots: [{ weekday: SATURDAY, time: '10:00' }] };
    const year = fill(once, at('2026-01-01T00:00:00Z'), 60).map(at);
    expect(year.length).toBeGreaterThan(52);
    expect(nextFreeSlot(once, at('2026-01-01T00:00:00Z'), year)).toBeNull();
    expect(() => nextFreeSlot({ timeZone: 'UTC', slots: [{ weekday: MONDAY, time: '9:00' }] }, at('2026-01-01T00:00:00Z'), [])).toThrow(RangeError);
  });

  it('reads local times HH:MM only', () => {
    expect(parseLocalTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '12:60', '9:00', '09:00:00', '', ' 09:00']) expect(parseLocalTime(bad), bad).toBeNull();
  });
});

describe('isSlotInstant', () => {
  const berlin: PostingSchedule = {
    timeZone: 'Europe/Berlin',
    slots: [
      { weekday: SUNDAY, time: '02:30' },
      { weekday: MONDAY, time: '00:00' },
    ],
  };

  it.each([
    ['2026-03-22T01:30:00Z', true], // Sunday 02:30 CET
    ['2026-03-22T01:30:00.001Z', false],
    ['2026-03-22T01:29:00Z', false],
    ['2026-03-21T01:30:00Z', false], // Saturday
    ['2026-03-29T01:00:00Z', true], // 02:30 skipped: taken when the clocks jump to 03:00 CEST
    ['2026-03-29T00:30:00Z', false], // where 02:30 CET would have been
    ['2026-03-29T22:00:00Z', true], // Monday midnight CEST, a millisecond after Sunday ends
    ['2026-10-25T00:30:00Z', true], // 02:30 of the fall-back night: its first occurrence (CEST) only
    ['2026-10-25T01:30:00Z', false],
  ])('%s is a slot: %s', (instant, expected) => {
    expect(isSlotInstant(berlin, at(instant))).toBe(expected);
  });

  it('is never true without slots', () => {
    expect(isSlotInstant({ timeZone: 'UTC', slots: [] }, at('2026-03-22T00:00:00Z'))).toBe(false);
  });
});

describe('groupByLocalDay', () => {
  const posts = [
    { id: 'late-utc-sat', at: at('2026-03-28T23:30:00Z') },
    { id: 'early-sun', at: at('2026-03-29T00:59:00Z') },
    { id: 'after-jump', at: at('2026-03-29T01:00:00Z') },
    { id: 'sun-evening', at: at('2026-03-29T21:59:00Z') },
    { id: 'mon', at: at('2026-03-29T22:00:00Z') },
  ];

  it('groups by the local day of each zone, across the spring-forward night, in time order', () => {
    const shuffled = [posts[3], posts[0], posts[4], posts[2], posts[1]] as typeof posts;
    const days = (timeZone: string) => groupByLocalDay(shuffled, (post) => post.at, timeZone).map(({ date, items }) => [date, items.map((p) => p.id)]);
    expect(days('Europe/Berlin')).toEqual([
      ['2026-03-29', ['late-utc-sat', 'early-sun', 'after-jump', 'sun-evening']],
      ['2026-03-30', ['mon']],
    ]);
    expect(days('America/New_York')).toEqual([
      ['2026-03-28', ['late-utc-sat', 'early-sun', 'after-jump']],
      ['2026-03-29', ['sun-evening', 'mon']],
    ]);
    expect(groupByLocalDay([], (post: { at: Date }) => post.at, 'UTC')).toEqual([]);
  });
});
