import type { PrismaClient } from '../../infra/db/database.js';
import type { Metrics } from '../../infra/metrics.js';
import type { ResponseCacheInvalidator } from '../../response-cache/invalidator.js';
import { badInput, forbidden, unauthenticated } from '../../shared/errors.js';
import { PERMISSIONS } from '../workspaces/workspace-permissions.rules.js';
import { type Engagement, type EngagementInput, type FieldPath, validateEngagements } from './engagement.rules.js';
import { INGEST_SQL } from './ingest.sql.js';
import type { MetricTotals } from './metric-totals.rules.js';
import { authorMetricsEntity, ENGAGEMENT_RANKINGS, postMetricsEntity } from './metrics-cache.rules.js';

/** Who is recording: a signed-in member (posts of workspaces where they may record engagement) or a service allowed to ingest for any post. */
export interface IngestCaller {
  userId?: string;
  mayIngestAnyPost: boolean;
}

export interface IngestResult {
  /** Events stored; repeats of an event id already stored for the same post are not. */
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
  unknown_post_ids: string[];
  foreign_posts: boolean;
  post_id: string | null;
  author_id: string | null;
}

/** The statement stored nothing because of these posts: BAD_USER_INPUT for unknown ones, else FORBIDDEN. */
function refusal(events: readonly Engagement[], { unknown_post_ids, foreign_posts }: IngestRow, path: FieldPath) {
  if (unknown_post_ids.length) {
    const unknown = new Set(unknown_post_ids);
    const problems = events.flatMap((e, i) => (unknown.has(e.postId) ? [{ path: path(i, 'postId'), message: 'no such post' }] : []));
    return badInput(problems, `${problems.length} event(s) name a post that does not exist.`);
  }
  if (foreign_posts)
    return forbidden('You can record engagement only for posts of workspaces where you are an OWNER, ADMIN or EDITOR (or with an ingest service token).');
  return undefined;
}

export function createIngestService({ prisma, metrics, totalsChanged, cache, now = Date.now }: IngestServiceDeps) {
  return {
    /**
     * Validates the whole batch, then checks the posts and stores it in one statement: all of it or
     * none (nothing when a post is unknown or, without the ingest scope, in a workspace the caller may not record engagement in).
     */
    async record(caller: IngestCaller, inputs: readonly EngagementInput[], path: FieldPath): Promise<IngestResult> {
      if (!caller.userId && !caller.mayIngestAnyPost) throw unauthenticated();
      const events = validateEngagements(inputs, path, now());
      if (!events.length) return { stored: 0, totals: new Map() };
      const rows = await prisma.$queryRawUnsafe<IngestRow[]>(
        INGEST_SQL,
        events.map((e) => e.postId),
        events.map((e) => e.type),
        events.map((e) => e.count),
        events.map((e) => e.at.toISOString()),
        events.map((e) => e.eventId),
        caller.mayIngestAnyPost ? null : caller.userId,
        [...PERMISSIONS.recordEngagement],
      );
      // The statement always returns at least one row (see INGEST_SQL).
      const first = rows[0]!;
      const refused = refusal(events, first, path);
      if (refused) throw refused;
      const { stored } = first;
      metrics?.engagementEventsIngested.inc(stored);
      const totals = new Map<string, MetricTotals>();
      const touchedAuthors = new Set<string>();
      for (const { post_id, author_id, impressions, reactions, comments, reposts, clicks } of rows) {
        if (post_id === null) continue;
        if (author_id) touchedAuthors.add(author_id);
        const postTotals = { impressions, reactions, comments, reposts, clicks };
        totals.set(post_id, postTotals);
        totalsChanged?.(post_id, postTotals);
      }
      if (totals.size) {
        const posts = [...totals.keys()];
        await cache?.invalidate([...posts.map(postMetricsEntity), ...[...touchedAuthors].map(authorMetricsEntity), ENGAGEMENT_RANKINGS]);
      }
      return { stored, totals };
    },
  };
}
