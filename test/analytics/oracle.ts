/**
 * Brute-force answers computed straight from the raw events, to check the roll-up based ones.
 * Same definitions as the API: ranges are [from, to) with from floored to its UTC hour, and an
 * event counts in the hour it happened; buckets are UTC, weeks start on Monday.
 */
import type { EngagementType, MetricInterval } from '../generated/graphql.js';

export interface RawEvent {
  postId: string;
  type: EngagementType;
  count: number;
  at: number;
  eventId?: string;
}

export interface Counts {
  impressions: number;
  reactions: number;
  comments: number;
  reposts: number;
  clicks: number;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
const STEP: Record<MetricInterval, number> = { HOUR, DAY, WEEK: 7 * DAY };
const FIELD: Record<EngagementType, keyof Counts> = {
  IMPRESSION: 'impressions',
  REACTION: 'reactions',
  COMMENT: 'comments',
  REPOST: 'reposts',
  CLICK: 'clicks',
};

const zero = (): Counts => ({ impressions: 0, reactions: 0, comments: 0, reposts: 0, clicks: 0 });
const floorTo = (ms: number, unit: number) => ms - (((ms % unit) + unit) % unit);

function bucketStart(ms: number, interval: MetricInterval): number {
  if (interval !== 'WEEK') return floorTo(ms, STEP[interval]);
  const day = Math.floor(ms / DAY);
  return (day - ((day + 3) % 7)) * DAY; // 1970-01-01 was a Thursday
}

/** What the database keeps: the first event of each event id, every event without one. */
export function dedupe(events: RawEvent[]): RawEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => e.eventId === undefined || (!seen.has(e.eventId) && seen.add(e.eventId)));
}

const inRange = (e: RawEvent, from: number, to: number) => floorTo(e.at, HOUR) >= floorTo(from, HOUR) && floorTo(e.at, HOUR) < to;

/** Sums over the range, or over all time without one. */
export function totals(events: RawEvent[], from?: number, to?: number): Counts {
  const sum = zero();
  for (const e of events) if (from === undefined || to === undefined || inRange(e, from, to)) sum[FIELD[e.type]] += e.count;
  return sum;
}

const engagements = (c: Counts) => c.reactions + c.comments + c.reposts + c.clicks;
export const engagementRate = (c: Counts) => (c.impressions > 0 ? engagements(c) / c.impressions : 0);

export function series(events: RawEvent[], from: number, to: number, interval: MetricInterval): (Counts & { at: string })[] {
  const points = new Map<number, Counts>();
  for (let at = bucketStart(from, interval); at < to; at += STEP[interval]) points.set(at, zero());
  for (const e of events) {
    if (inRange(e, from, to)) points.get(bucketStart(e.at, interval))![FIELD[e.type]] += e.count;
  }
  return [...points].map(([at, counts]) => ({ at: new Date(at).toISOString(), ...counts }));
}

export const byPost = (events: RawEvent[], postId: string) => events.filter((e) => e.postId === postId);

/** Posts ordered by `rank` descending, ties by raw UUID ascending (as the database orders them). */
function ranked(postIds: string[], rank: (postId: string) => number[], rawId: (postId: string) => string): string[] {
  const keys = new Map(postIds.map((id) => [id, rank(id)]));
  return [...postIds].sort((a, b) => {
    const [ka, kb] = [keys.get(a)!, keys.get(b)!];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return rawId(a) < rawId(b) ? -1 : 1;
  });
}

export function topPosts(events: RawEvent[], postIds: string[], type: EngagementType, from: number, to: number, rawId: (id: string) => string) {
  const sums = new Map(postIds.map((id) => [id, totals(byPost(events, id), from, to)[FIELD[type]]]));
  return ranked(
    postIds.filter((id) => sums.get(id)! > 0),
    (id) => [sums.get(id)!],
    rawId,
  );
}

export function bestPost(events: RawEvent[], postIds: string[], from: number, to: number, rawId: (id: string) => string): string | null {
  const withEvents = postIds.filter((id) => byPost(events, id).some((e) => inRange(e, from, to)));
  const rank = (id: string) => {
    const t = totals(byPost(events, id), from, to);
    return [engagements(t), t.impressions];
  };
  return ranked(withEvents, rank, rawId)[0] ?? null;
}

export const hadEngagement = (events: RawEvent[], postId: string, from: number, to: number) => byPost(events, postId).some((e) => inRange(e, from, to));
