-- CreateTable
CREATE TABLE "linkedin_oauth_flows" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "linkedin_oauth_flows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "linkedin_oauth_flows_user_id_idx" ON "linkedin_oauth_flows"("user_id");

-- CreateIndex
CREATE INDEX "linkedin_oauth_flows_expires_at_idx" ON "linkedin_oauth_flows"("expires_at");

-- AddForeignKey
ALTER TABLE "linkedin_oauth_flows" ADD CONSTRAINT "linkedin_oauth_flows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
