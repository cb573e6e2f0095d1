-- CreateEnum
CREATE TYPE "LinkedInAccountKind" AS ENUM ('PERSON', 'ORGANIZATION');

-- CreateEnum
CREATE TYPE "LinkedInAccountStatus" AS ENUM ('CONNECTED', 'NEEDS_RECONNECT', 'EXPIRED');

-- CreateEnum
CREATE TYPE "PublishOutcome" AS ENUM ('PUBLISHED', 'RETRY', 'FAILED');

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "linkedin_account_id" UUID,
ADD COLUMN     "linkedin_permalink" TEXT,
ADD COLUMN     "linkedin_urn" TEXT,
ADD COLUMN     "publish_attempt_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "publish_error" TEXT,
ADD COLUMN     "publish_run_start" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "linkedin_accounts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "urn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "LinkedInAccountKind" NOT NULL DEFAULT 'PERSON',
    "access_token_encrypted" TEXT NOT NULL,
    "refresh_token_encrypted" TEXT,
    "scope" TEXT NOT NULL DEFAULT '',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_token_expires_at" TIMESTAMPTZ(3),
    "status" "LinkedInAccountStatus" NOT NULL DEFAULT 'CONNECTED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "linkedin_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_attempts" (
    "id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "outcome" "PublishOutcome" NOT NULL,
    "http_status" INTEGER,
    "error_category" TEXT,
    "retryable" BOOLEAN NOT NULL DEFAULT false,
    "retry_delay_ms" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "request_id" TEXT,
    "error" TEXT,
    "urn" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "linkedin_accounts_user_id_urn_key" ON "linkedin_accounts"("user_id", "urn");

-- CreateIndex
CREATE UNIQUE INDEX "publish_attempts_idempotency_key_key" ON "publish_attempts"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "publish_attempts_post_id_number_key" ON "publish_attempts"("post_id", "number");

-- CreateIndex
CREATE INDEX "posts_linkedin_account_id_idx" ON "posts"("linkedin_account_id");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_linkedin_account_id_fkey" FOREIGN KEY ("linkedin_account_id") REFERENCES "linkedin_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "linkedin_accounts" ADD CONSTRAINT "linkedin_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_attempts" ADD CONSTRAINT "publish_attempts_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
