-- Engagement events and hourly roll-ups go with their post. Migrations run statement by statement,
-- not in one transaction, so each constraint is added NOT VALID first: from then on no new row can
-- name a missing post, the orphans deleted posts left behind are removed, and only then is the
-- constraint validated (a scan that blocks no writes).

-- AddForeignKey
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "post_metrics_hourly" ADD CONSTRAINT "post_metrics_hourly_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

DELETE FROM "engagement_events" e WHERE NOT EXISTS (SELECT 1 FROM "posts" p WHERE p."id" = e."post_id");

DELETE FROM "post_metrics_hourly" h WHERE NOT EXISTS (SELECT 1 FROM "posts" p WHERE p."id" = h."post_id");

ALTER TABLE "engagement_events" VALIDATE CONSTRAINT "engagement_events_post_id_fkey";

ALTER TABLE "post_metrics_hourly" VALIDATE CONSTRAINT "post_metrics_hourly_post_id_fkey";
