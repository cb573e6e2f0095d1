-- CreateEnum
CREATE TYPE "PostAttachmentKind" AS ENUM ('ARTICLE', 'POLL');

-- CreateEnum
CREATE TYPE "ArticlePreviewStatus" AS ENUM ('OK', 'BLOCKED_ADDRESS', 'UNREACHABLE', 'TIMEOUT', 'TOO_LARGE', 'NOT_HTML', 'HTTP_ERROR', 'TOO_MANY_REDIRECTS');

-- CreateTable
CREATE TABLE "post_attachments" (
    "post_id" UUID NOT NULL,
    "kind" "PostAttachmentKind" NOT NULL,
    "article_url" TEXT,
    "article_title" TEXT,
    "article_description" TEXT,
    "article_thumbnail_url" TEXT,
    "article_preview_status" "ArticlePreviewStatus",
    "poll_question" TEXT,
    "poll_options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "poll_duration_days" INTEGER,

    CONSTRAINT "post_attachments_pkey" PRIMARY KEY ("post_id")
);

-- AddForeignKey
ALTER TABLE "post_attachments" ADD CONSTRAINT "post_attachments_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each row holds its own kind's fields and no other kind's (Prisma does not model CHECK constraints).
ALTER TABLE "post_attachments" ADD CONSTRAINT "post_attachments_kind_fields" CHECK (
    CASE "kind"
        WHEN 'ARTICLE' THEN "article_url" IS NOT NULL AND "poll_question" IS NULL AND cardinality("poll_options") = 0 AND "poll_duration_days" IS NULL
        WHEN 'POLL' THEN "poll_question" IS NOT NULL AND cardinality("poll_options") BETWEEN 2 AND 4 AND "poll_duration_days" IN (1, 3, 7, 14)
            AND "article_url" IS NULL AND "article_title" IS NULL AND "article_description" IS NULL AND "article_thumbnail_url" IS NULL AND "article_preview_status" IS NULL
    END
);
