-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "causeChangeId" UUID;

-- CreateTable
CREATE TABLE "Change" (
    "id" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pipeline" TEXT NOT NULL,
    "url" TEXT,
    "commitSha" TEXT,
    "committedAt" TIMESTAMPTZ(3),
    "actor" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "key" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Change_key_key" ON "Change"("key");

-- CreateIndex
CREATE INDEX "Change_service_occurredAt_idx" ON "Change"("service", "occurredAt");

-- CreateIndex
CREATE INDEX "Change_occurredAt_idx" ON "Change"("occurredAt");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_causeChangeId_fkey" FOREIGN KEY ("causeChangeId") REFERENCES "Change"("id") ON DELETE SET NULL ON UPDATE CASCADE;
