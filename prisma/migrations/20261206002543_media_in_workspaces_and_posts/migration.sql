-- AlterEnum (PostgreSQL 12 and later add values inside a transaction; they are compared as text below,
-- since a value added in a transaction cannot be used as one in it)
ALTER TYPE "PostAttachmentKind" ADD VALUE 'MEDIA';
ALTER TYPE "PostAttachmentKind" ADD VALUE 'MULTI_IMAGE';

-- DropForeignKey
ALTER TABLE "media" DROP CONSTRAINT "media_owner_id_fkey";

-- AlterTable: media moves into its uploader's personal workspace (its id is the user's own for accounts older
-- than workspaces, a new one's for accounts made since, so it is looked up)
ALTER TABLE "media" ADD COLUMN     "workspace_id" UUID,
ALTER COLUMN "owner_id" DROP NOT NULL;
UPDATE "media" AS m SET "workspace_id" = w."id"
  FROM "workspace_members" AS wm JOIN "workspaces" AS w ON w."id" = wm."workspace_id" AND w."personal"
 WHERE wm."user_id" = m."owner_id" AND wm."role" = 'OWNER';
ALTER TABLE "media" ALTER COLUMN "workspace_id" SET NOT NULL;

-- AlterTable
ALTER TABLE "post_attachments" ADD COLUMN     "media_title" TEXT;

-- CreateTable
CREATE TABLE "post_attachment_media" (
    "post_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "media_id" UUID NOT NULL,

    CONSTRAINT "post_attachment_media_pkey" PRIMARY KEY ("post_id","position")
);

-- CreateIndex
CREATE INDEX "post_attachment_media_media_id_idx" ON "post_attachment_media"("media_id");

-- CreateIndex
CREATE UNIQUE INDEX "post_attachment_media_post_id_media_id_key" ON "post_attachment_media"("post_id", "media_id");

-- CreateIndex
CREATE INDEX "media_workspace_id_created_at_idx" ON "media"("workspace_id", "created_at");

-- AddForeignKey
ALTER TABLE "post_attachment_media" ADD CONSTRAINT "post_attachment_media_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "post_attachments"("post_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey: checked at commit (Prisma does not model DEFERRABLE), so deleting a workspace takes its posts and
-- their media in one go, whatever order the cascades reach the rows in; deleting media a post still carries fails.
ALTER TABLE "post_attachment_media" ADD CONSTRAINT "post_attachment_media_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media"("id") ON DELETE NO ACTION ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;

-- AddForeignKey
ALTER TABLE "media" ADD CONSTRAINT "media_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media" ADD CONSTRAINT "media_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each row holds its own kind's fields and no other kind's; the media kinds' media are in post_attachment_media.
ALTER TABLE "post_attachments" DROP CONSTRAINT "post_attachments_kind_fields";
ALTER TABLE "post_attachments" ADD CONSTRAINT "post_attachments_kind_fields" CHECK (
    CASE "kind"::text
        WHEN 'ARTICLE' THEN "article_url" IS NOT NULL AND "poll_question" IS NULL AND cardinality("poll_options") = 0 AND "poll_duration_days" IS NULL
            AND "media_title" IS NULL
        WHEN 'POLL' THEN "poll_question" IS NOT NULL AND cardinality("poll_options") BETWEEN 2 AND 4 AND "poll_duration_days" IN (1, 3, 7, 14)
            AND "article_url" IS NULL AND "article_title" IS NULL AND "article_description" IS NULL AND "article_thumbnail_url" IS NULL AND "article_preview_status" IS NULL
            AND "media_title" IS NULL
        ELSE "article_url" IS NULL AND "article_title" IS NULL AND "article_description" IS NULL AND "article_thumbnail_url" IS NULL AND "article_preview_status" IS NULL
            AND "poll_question" IS NULL AND cardinality("poll_options") = 0 AND "poll_duration_days" IS NULL
            AND ("kind"::text = 'MEDIA' OR "media_title" IS NULL)
    END
);
