import type { ResponseCacheInvalidator } from '../../infra/cache/response-cache-invalidator.js';
import type { PrismaClient } from '../../infra/db/database.js';
import type { Metrics } from '../../infra/metrics.js';
import { badInput, forbidden, unauthenticated } from '../../shared/errors.js';
import { type EngagementInput, type FieldPath, validateEngagements } from './engagement.rules.js';
import { INGEST_SQL } from './ingest.sql.js';
import { authorMetricsEntity, ENGAGEMENT_RANKINGS, postMetricsEntity } from './metrics-cache-entities.js';
import type { MetricTotals } from './metrics.schema.js';

/** Who is recording: a signed-in author (their own posts only) or a service allowed to ingest for any post. */
export interface IngestCaller {
  userId?: string;
  mayIngestAnyPost: boolean;
}

export interface IngestResult {
  /** Events stored; repeats of an already stored event id are not. */
  stored: number;
  /** New lifetime totals of every post that received events. */
  totals: Map<string, MetricTotals>;
}

export interface IngestServiceDeps {
  prisma: PrismaClient;
  metrics?: Metrics;
  totalsChanged?: (postId: string, totals: MetricTotals) => void;
  /** Evicts cached responses showing the touched posts' metrics, their authors' summaries, and rankings by engagement. */
  cache?: ResponseCacheInvalidator;
  now?: () => number;
}

interface IngestRow extends MetricTotals {
  stored: number;
  post_id: string | null;
}

export function createIngestService({ prisma, metrics, totalsChanged, cache, now = Date.now }: IngestServiceDeps) {
  /**
   * One statement reads the posts (existence and authorship) before the one that stores everything;
   * resolves with each post's author.
   */
  async function authorise(caller: IngestCaller, postIds: string[], path: FieldPath): Promise<Map<string, string>> {
    const unique = [...new Set(postIds)];
    const posts = await prisma.post.findMany({ where: { id: { in: unique } }, select: { id: true, authorId: true } });
    const authors = new Map(posts.map((p) => [p.id, p.authorId]));
    const unknown = postIds.flatMap((id, i) => (authors.has(id) ? [] : [{ path: path(i, 'postId'), message: 'no such post' }]));
    if (unknown.length) throw badInput(unknown, `${unknown.length} event(s) name a post that does not exist.`);
    if (!caller.mayIngestAnyPost && posts.some((p) => p.authorId !== caller.userId)) {
      throw forbidden('You can record engagement only for your own posts (or with an ingest service token).');
    }
    return authors;
  }

  return {
    /** Validates and authorises the whole batch, then stores it in one statement: all of it or none. */
    async record(caller: IngestCaller, inputs: readonly EngagementInput[], path: FieldPath): Promise<IngestResult> {
      if (!caller.userId && !caller.mayIngestAnyPost) throw unauthenticated();
      const events = validateEngagements(inputs, path, now());
      if (!events.length) return { stored: 0, totals: new Map() };
      const authors = await authorise(caller, events.map((e) => e.postId), path);
      const rows = await prisma.$queryRawUnsafe<IngestRow[]>(
        INGEST_SQL,
        events.map((e) => e.postId),
        events.map((e) => e.type),
        events.map((e) => e.count),
        events.map((e) => e.at.toISOString()),
        events.map((e) => e.eventId),
      );
      const stored = rows[0]?.stored ?? 0;
      metrics?.engagementEventsIngested.inc(stored);
      const totals = new Map<string, MetricTotals>();
      for (const { post_id, impressions, reactions, comments, reposts, clicks } of rows) {
        if (post_id === null) continue;
        const postTotals = { impressions, reactions, comments, reposts, clicks };
        totals.set(post_id, postTotals);
        totalsChanged?.(post_id, postTotals);
      }
      if (totals.size) {
        const posts = [...totals.keys()];
        const touchedAuthors = new Set(posts.map((id) => authors.get(id)!));
        await cache?.invalidate([...posts.map(postMetricsEntity), ...[...touchedAuthors].map(authorMetricsEntity), ENGAGEMENT_RANKINGS]);
      }
      return { stored, totals };
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
