-- DropIndex
DROP INDEX "engagement_events_occurred_at_idx";

-- DropIndex
DROP INDEX "engagement_events_post_id_occurred_at_idx";
