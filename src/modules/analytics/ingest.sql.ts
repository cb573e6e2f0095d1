/**
 * Bulk ingest in ONE statement. It first checks that every named post exists and, when $6 (a
 * user id) is given, that the user is a member of the post's workspace with one of the roles in $7
 * (text[]); if any does not, it stores nothing and returns
 * the offending ids. The posts are locked FOR KEY SHARE while it runs (which blocks only their
 * deletion), so a post deleted at the same moment counts as missing instead of failing the
 * events' foreign key. Otherwise the raw events go into engagement_events (an event_id already
 * stored for the same post is skipped), and only the rows actually inserted are rolled up into
 * post_metrics_hourly and post_totals, so a retried batch counts once. Parameters are parallel arrays, one element per
 * event: $1 post ids, $2 types, $3 counts, $4 instants (ISO, UTC), $5 event ids (null allowed).
 * Returns one row per touched post with its author and new totals, the number of events stored (a single row
 * with null post_id when nothing was stored), the unknown post ids and whether any post is
 * in a workspace the user may not record engagement in.
 */
export const INGEST_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[]::"EngagementType"[], $3::int[], $4::timestamptz[], $5::text[])
    AS e(post_id, type, count, occurred_at, event_id)
), locked AS MATERIALIZED (
  SELECT id, author_id, workspace_id FROM posts WHERE id IN (SELECT post_id FROM input) FOR KEY SHARE
), named AS (
  SELECT n.post_id, p.author_id, p.workspace_id, p.id IS NULL AS missing
    FROM (SELECT DISTINCT post_id FROM input) n LEFT JOIN locked p ON p.id = n.post_id
), refused AS (
  SELECT n.post_id, n.missing FROM named n
   WHERE n.missing OR ($6::uuid IS NOT NULL AND NOT EXISTS (
     SELECT 1 FROM workspace_members m
      WHERE m.workspace_id = n.workspace_id AND m.user_id = $6::uuid AND m.role::text = ANY($7::text[])))
), inserted AS (
  INSERT INTO engagement_events (post_id, type, count, occurred_at, event_id)
  SELECT post_id, type, count, occurred_at, event_id FROM input
   WHERE NOT EXISTS (SELECT 1 FROM refused)
  ON CONFLICT (post_id, event_id) DO NOTHING
  RETURNING post_id, type, count, occurred_at
), per_hour AS (
  SELECT post_id,
         date_trunc('hour', occurred_at, 'UTC') AS bucket,
         coalesce(sum(count) FILTER (WHERE type = 'IMPRESSION'), 0)::int AS impressions,
         coalesce(sum(count) FILTER (WHERE type = 'REACTION'), 0)::int AS reactions,
         coalesce(sum(count) FILTER (WHERE type = 'COMMENT'), 0)::int AS comments,
         coalesce(sum(count) FILTER (WHERE type = 'REPOST'), 0)::int AS reposts,
         coalesce(sum(count) FILTER (WHERE type = 'CLICK'), 0)::int AS clicks
    FROM inserted GROUP BY 1, 2
), hourly AS (
  INSERT INTO post_metrics_hourly AS h (post_id, bucket, impressions, reactions, comments, reposts, clicks)
  SELECT post_id, bucket, impressions, reactions, comments, reposts, clicks
    FROM per_hour ORDER BY post_id, bucket
  ON CONFLICT (post_id, bucket) DO UPDATE SET
    impressions = h.impressions + excluded.impressions,
    reactions = h.reactions + excluded.reactions,
    comments = h.comments + excluded.comments,
    reposts = h.reposts + excluded.reposts,
    clicks = h.clicks + excluded.clicks
), per_post AS (
  SELECT post_id, sum(impressions)::int AS impressions, sum(reactions)::int AS reactions,
         sum(comments)::int AS comments, sum(reposts)::int AS reposts, sum(clicks)::int AS clicks
    FROM per_hour GROUP BY post_id
), totals AS (
  INSERT INTO post_totals AS t (post_id, impressions, reactions, comments, reposts, clicks, engagements)
  SELECT post_id, impressions, reactions, comments, reposts, clicks, reactions + comments + reposts + clicks
    FROM per_post ORDER BY post_id
  ON CONFLICT (post_id) DO UPDATE SET
    impressions = t.impressions + excluded.impressions,
    reactions = t.reactions + excluded.reactions,
    comments = t.comments + excluded.comments,
    reposts = t.reposts + excluded.reposts,
    clicks = t.clicks + excluded.clicks,
    engagements = t.engagements + excluded.engagements
  RETURNING t.post_id, t.impressions, t.reactions, t.comments, t.reposts, t.clicks
)
SELECT (SELECT count(*) FROM inserted)::int AS stored,
       (SELECT coalesce(array_agg(post_id::text), '{}') FROM refused WHERE missing) AS unknown_post_ids,
       EXISTS (SELECT 1 FROM refused WHERE NOT missing) AS foreign_posts,
       totals.post_id::text AS post_id, named.author_id::text AS author_id,
       totals.impressions, totals.reactions, totals.comments, totals.reposts, totals.clicks
  FROM (SELECT 1) one LEFT JOIN totals ON true LEFT JOIN named ON named.post_id = totals.post_id
`;
