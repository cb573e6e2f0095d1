-- AlterTable
ALTER TABLE "generation_jobs" ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3);
