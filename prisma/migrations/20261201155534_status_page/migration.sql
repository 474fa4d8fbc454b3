-- CreateTable
CREATE TABLE "PublicIncident" (
    "id" TEXT NOT NULL,
    "incidentId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "impact" TEXT NOT NULL DEFAULT 'none',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "monitoringAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PublicIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicUpdate" (
    "id" TEXT NOT NULL,
    "publicIncidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "components" JSONB NOT NULL DEFAULT '[]',
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "displayAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PublicUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicComponentState" (
    "publicIncidentId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PublicComponentState_pkey" PRIMARY KEY ("publicIncidentId","service")
);

-- CreateTable
CREATE TABLE "StatusComponent" (
    "service" TEXT NOT NULL,
    "firstPublishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StatusComponent_pkey" PRIMARY KEY ("service")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicIncident_incidentId_key" ON "PublicIncident"("incidentId");

-- CreateIndex
CREATE INDEX "PublicIncident_resolvedAt_idx" ON "PublicIncident"("resolvedAt");

-- CreateIndex
CREATE INDEX "PublicUpdate_publicIncidentId_createdAt_idx" ON "PublicUpdate"("publicIncidentId", "createdAt");

-- AddForeignKey
ALTER TABLE "PublicIncident" ADD CONSTRAINT "PublicIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicUpdate" ADD CONSTRAINT "PublicUpdate_publicIncidentId_fkey" FOREIGN KEY ("publicIncidentId") REFERENCES "PublicIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicComponentState" ADD CONSTRAINT "PublicComponentState_publicIncidentId_fkey" FOREIGN KEY ("publicIncidentId") REFERENCES "PublicIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
