-- AlterTable
ALTER TABLE "PublicIncident" ADD COLUMN     "impactOverride" TEXT;

-- AlterTable
ALTER TABLE "SlackUser" ADD COLUMN     "isGuest" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
-- Components already on a published page were first seen then at the latest.
ALTER TABLE "StatusComponent" ADD COLUMN     "firstSeenAt" TIMESTAMPTZ(3),
ALTER COLUMN "firstPublishedAt" DROP NOT NULL;
UPDATE "StatusComponent" SET "firstSeenAt" = "firstPublishedAt";
ALTER TABLE "StatusComponent" ALTER COLUMN "firstSeenAt" SET NOT NULL;

-- CreateTable
CREATE TABLE "StatusPageSite" (
    "key" TEXT NOT NULL,
    "publicId" TEXT NOT NULL,
    "configuredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StatusPageSite_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Maintenance" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "services" TEXT[],
    "status" TEXT NOT NULL,
    "scheduledFor" TIMESTAMPTZ(3) NOT NULL,
    "scheduledUntil" TIMESTAMPTZ(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Maintenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceUpdate" (
    "id" TEXT NOT NULL,
    "maintenanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenanceUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Maintenance_number_key" ON "Maintenance"("number");

-- CreateIndex
CREATE INDEX "Maintenance_status_idx" ON "Maintenance"("status");

-- CreateIndex
CREATE INDEX "MaintenanceUpdate_maintenanceId_createdAt_idx" ON "MaintenanceUpdate"("maintenanceId", "createdAt");

-- AddForeignKey
ALTER TABLE "MaintenanceUpdate" ADD CONSTRAINT "MaintenanceUpdate_maintenanceId_fkey" FOREIGN KEY ("maintenanceId") REFERENCES "Maintenance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
