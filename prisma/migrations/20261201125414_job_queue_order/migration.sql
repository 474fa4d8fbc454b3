-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "queueKey" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "Job_queueKey_seq_idx" ON "Job"("queueKey", "seq");
