/**
 * Read queries over post_metrics_hourly. Ranges are [from, to) with `from` floored to its UTC hour,
 * so an hour counts when it overlaps the range. Buckets are UTC: days start at 00:00, weeks on Monday
 * (ISO); steps are whole hours so no session time zone or DST can shift them.
 * Shared parameters: $1 from, $2 to (ISO instants).
 */
const IN_RANGE = `h.bucket >= date_trunc('hour', $1::timestamptz, 'UTC') AND h.bucket < $2::timestamptz`;

const SUM_COLUMNS = `
  coalesce(sum(h.impressions), 0)::int AS impressions, coalesce(sum(h.reactions), 0)::int AS reactions,
  coalesce(sum(h.comments), 0)::int AS comments, coalesce(sum(h.reposts), 0)::int AS reposts,
  coalesce(sum(h.clicks), 0)::int AS clicks`;

const POINT_COLUMNS = `b.at, coalesce(a.impressions, 0) AS impressions, coalesce(a.reactions, 0) AS reactions,
  coalesce(a.comments, 0) AS comments, coalesce(a.reposts, 0) AS reposts, coalesce(a.clicks, 0) AS clicks`;

/** $3 date_trunc unit ('hour', 'day', 'week'), $4 its length as an interval. */
const BUCKETS = `buckets AS (
  SELECT generate_series(date_trunc($3, $1::timestamptz, 'UTC'), $2::timestamptz - interval '1 millisecond', $4::interval) AS at
)`;

/** One zero-filled series per post in $5 (uuid[]). */
export const SERIES_BY_POST_SQL = `
WITH ${BUCKETS},
ids AS (SELECT DISTINCT unnest($5::uuid[]) AS post_id),
agg AS (
  SELECT h.post_id, date_trunc($3, h.bucket, 'UTC') AS at, ${SUM_COLUMNS}
    FROM post_metrics_hourly h
   WHERE h.post_id = ANY($5::uuid[]) AND ${IN_RANGE}
   GROUP BY 1, 2
)
SELECT ids.post_id::text AS post_id, ${POINT_COLUMNS}
  FROM ids CROSS JOIN buckets b LEFT JOIN agg a ON a.post_id = ids.post_id AND a.at = b.at
 ORDER BY ids.post_id, b.at`;

/** Whether the viewer ($v, a user id or null) belongs to the workspace of posts row `p`. */
const viewerIsMember = (p: string, v: string) =>
  `EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = ${p}.workspace_id AND m.user_id = ${v}::uuid)`;

/** An author's posts ($a) whose analytics the viewer ($v) may see: those of the viewer's workspaces, and those published publicly. */
const authorPosts = (a: string, v: string) => `scope AS (
  SELECT p.id, p.created_at FROM posts p
   WHERE p.author_id = ${a}::uuid AND ((p.status = 'PUBLISHED' AND p.visibility = 'PUBLIC') OR ${viewerIsMember('p', v)})
)`;

/** One zero-filled series summed over an author's posts ($5 author id, $6 viewer id or null). */
export const AUTHOR_SERIES_SQL = `
WITH ${BUCKETS}, ${authorPosts('$5', '$6')},
agg AS (
  SELECT date_trunc($3, h.bucket, 'UTC') AS at, ${SUM_COLUMNS}
    FROM scope s JOIN post_metrics_hourly h ON h.post_id = s.id
   WHERE ${IN_RANGE}
   GROUP BY 1
)
SELECT ${POINT_COLUMNS} FROM buckets b LEFT JOIN agg a ON a.at = b.at ORDER BY b.at`;

/**
 * Over an author's posts ($3 author id, $4 viewer id or null): the totals, how many posts had
 * engagement in the range or were created in it, and the post with the most engagement
 * (reactions + comments + reposts + clicks; ties: more impressions, then the smaller id).
 */
export const AUTHOR_SUMMARY_SQL = `
WITH ${authorPosts('$3', '$4')},
per_post AS (
  SELECT h.post_id, ${SUM_COLUMNS}
    FROM scope s JOIN post_metrics_hourly h ON h.post_id = s.id
   WHERE ${IN_RANGE}
   GROUP BY h.post_id
)
SELECT
  (SELECT count(*) FROM scope s
    WHERE (s.created_at >= $1::timestamptz AND s.created_at < $2::timestamptz)
       OR EXISTS (SELECT 1 FROM per_post p WHERE p.post_id = s.id))::int AS posts,
  coalesce(sum(impressions), 0)::int AS impressions, coalesce(sum(reactions), 0)::int AS reactions,
  coalesce(sum(comments), 0)::int AS comments, coalesce(sum(reposts), 0)::int AS reposts,
  coalesce(sum(clicks), 0)::int AS clicks,
  (SELECT post_id::text FROM per_post
    ORDER BY reactions + comments + reposts + clicks DESC, impressions DESC, post_id LIMIT 1) AS best_post_id
FROM per_post`;

/**
 * Posts ranked by one counter summed over the range, among those the viewer may see analytics of
 * ($3 viewer id or null); $4 how many. Only posts with a non-zero sum; ties go to the smaller id.
 */
export const topPostsSql = (column: string) => `
SELECT h.post_id::text AS post_id
  FROM post_metrics_hourly h JOIN posts p ON p.id = h.post_id
 WHERE ${IN_RANGE} AND h.${column} > 0
   AND ((p.status = 'PUBLISHED' AND p.visibility = 'PUBLIC') OR ${viewerIsMember('p', '$3')})
 GROUP BY h.post_id
 ORDER BY sum(h.${column}) DESC, h.post_id
 LIMIT $4::int`;
