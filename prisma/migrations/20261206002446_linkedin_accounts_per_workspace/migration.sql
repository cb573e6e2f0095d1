-- DropIndex
DROP INDEX "linkedin_accounts_user_id_urn_key";

-- DropIndex
DROP INDEX "linkedin_accounts_workspace_id_idx";

-- CreateIndex
CREATE INDEX "linkedin_accounts_user_id_idx" ON "linkedin_accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "linkedin_accounts_workspace_id_urn_key" ON "linkedin_accounts"("workspace_id", "urn");
