-- An event id is unique per post, no longer across every post: one client's id must not suppress
-- another's event. Every stored row keeps its place: ids unique across all posts are unique per post.

-- CreateIndex
CREATE UNIQUE INDEX "engagement_events_post_id_event_id_key" ON "engagement_events"("post_id", "event_id");

-- DropIndex
DROP INDEX "engagement_events_event_id_key";
