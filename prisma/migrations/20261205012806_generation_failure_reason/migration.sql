-- CreateEnum
CREATE TYPE "GenerationFailureReason" AS ENUM ('TIMEOUT', 'RATE_LIMITED', 'INTERRUPTED', 'UNUSABLE_OUTPUT', 'PROVIDER_ERROR', 'UNSUPPORTED_LANGUAGE', 'UNEXPECTED');

-- AlterTable
ALTER TABLE "generation_jobs" ADD COLUMN     "failure_reason" "GenerationFailureReason";
