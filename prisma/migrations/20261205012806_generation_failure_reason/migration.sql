-- CreateEnum
CREATE TYPE "GenerationFailureReason" AS ENUM ('TIMEOUT', 'INTERRUPTED', 'UNSUPPORTED_LANGUAGE');

-- AlterTable
ALTER TABLE "generation_jobs" ADD COLUMN     "failure_reason" "GenerationFailureReason";
