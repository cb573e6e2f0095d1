-- AlterTable
ALTER TABLE "publish_attempts" ADD COLUMN     "upload_steps" JSONB NOT NULL DEFAULT '[]';
