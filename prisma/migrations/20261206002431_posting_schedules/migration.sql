-- CreateTable
CREATE TABLE "posting_schedules" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "linkedin_account_id" UUID NOT NULL,
    "time_zone" TEXT NOT NULL,
    "slots" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "posting_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "posting_schedules_linkedin_account_id_idx" ON "posting_schedules"("linkedin_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "posting_schedules_workspace_id_linkedin_account_id_key" ON "posting_schedules"("workspace_id", "linkedin_account_id");

-- CreateIndex
CREATE INDEX "posts_workspace_id_scheduled_at_id_idx" ON "posts"("workspace_id", "scheduled_at", "id");

-- CreateIndex
CREATE INDEX "posts_scheduled_at_id_idx" ON "posts"("scheduled_at", "id");

-- AddForeignKey
ALTER TABLE "posting_schedules" ADD CONSTRAINT "posting_schedules_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posting_schedules" ADD CONSTRAINT "posting_schedules_linkedin_account_id_fkey" FOREIGN KEY ("linkedin_account_id") REFERENCES "linkedin_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
