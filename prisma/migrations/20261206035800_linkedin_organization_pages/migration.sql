-- AlterEnum
ALTER TYPE "LinkedInAccountKind" ADD VALUE 'ORGANIZATION';

-- AlterTable
ALTER TABLE "linkedin_accounts" ADD COLUMN     "vanity_name" TEXT;
