-- CreateTable
CREATE TABLE "post_revisions" (
    "id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content" TEXT NOT NULL,
    "hashtags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "content_version" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,

    CONSTRAINT "post_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "post_revisions_post_id_created_at_id_idx" ON "post_revisions"("post_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "post_revisions_author_id_idx" ON "post_revisions"("author_id");

-- AddForeignKey
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: every existing post starts its history with its current content, by its author.
INSERT INTO "post_revisions" ("id", "post_id", "author_id", "created_at", "content", "hashtags", "content_version", "summary")
SELECT gen_random_uuid(), "id", "author_id", "updated_at", "content", "hashtags", "content_version",
       jsonb_build_object(
         'wordCount', COALESCE(("analysis"->>'wordCount')::int, 0),
         'characterCount', COALESCE(("analysis"->>'characterCount')::int, char_length("content")),
         'readability', "analysis"->'readability',
         'sentiment', COALESCE("analysis"->'sentiment'->>'label', 'NEUTRAL'),
         'hookLength', char_length(COALESCE("analysis"->>'hook', ''))
       )
  FROM "posts";
