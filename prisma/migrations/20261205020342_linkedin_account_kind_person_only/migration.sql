-- ORGANIZATION was never written (OAuth connects the member, a person) and nothing could reach it: removed from
-- the enum until organization pages are supported.
-- AlterEnum
BEGIN;
CREATE TYPE "LinkedInAccountKind_new" AS ENUM ('PERSON');
ALTER TABLE "public"."linkedin_accounts" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "linkedin_accounts" ALTER COLUMN "kind" TYPE "LinkedInAccountKind_new" USING ("kind"::text::"LinkedInAccountKind_new");
ALTER TYPE "LinkedInAccountKind" RENAME TO "LinkedInAccountKind_old";
ALTER TYPE "LinkedInAccountKind_new" RENAME TO "LinkedInAccountKind";
DROP TYPE "public"."LinkedInAccountKind_old";
ALTER TABLE "linkedin_accounts" ALTER COLUMN "kind" SET DEFAULT 'PERSON';
COMMIT;
