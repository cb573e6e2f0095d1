-- AlterTable
ALTER TABLE "generation_jobs" ADD COLUMN     "image_alt_text" TEXT,
ADD COLUMN     "image_brief" TEXT;
