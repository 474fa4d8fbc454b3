-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "severity" TEXT,
    "status" TEXT NOT NULL,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "isDrill" BOOLEAN NOT NULL DEFAULT false,
    "services" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "channelId" TEXT,
    "channelName" TEXT,
    "headerTs" TEXT,
    "declaredBy" TEXT NOT NULL,
    "declaredAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "postmortemOwner" TEXT,
    "postmortemDue" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "incidentId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("incidentId","userId")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedBy" TEXT NOT NULL,
    "assignedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "actorId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'command',
    "permalink" TEXT,
    "messageTs" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "dedupeKey" TEXT,
    "data" JSONB,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEdit" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "previousText" TEXT NOT NULL,
    "previousOccurredAt" TIMESTAMPTZ(3) NOT NULL,
    "editedBy" TEXT NOT NULL,
    "editedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TimelineEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "setBy" TEXT NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "supersededAt" TIMESTAMPTZ(3),

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactWindow" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "degraded" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "recordedBy" TEXT NOT NULL,
    "supersededAt" TIMESTAMPTZ(3),

    CONSTRAINT "ImpactWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeverityChange" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "fromLevel" TEXT,
    "toLevel" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SeverityChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL,
    "messageTs" TEXT,
    "reaskedAt" TIMESTAMPTZ(3),
    "escalatedAt" TIMESTAMPTZ(3),
    "answeredAt" TIMESTAMPTZ(3),
    "answeredBy" TEXT,
    "answer" TEXT,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Freeze" (
    "id" UUID NOT NULL,
    "incidentId" UUID,
    "services" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "environments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reason" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "liftedAt" TIMESTAMPTZ(3),
    "liftedBy" TEXT,

    CONSTRAINT "Freeze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeException" (
    "id" UUID NOT NULL,
    "freezeId" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FreezeException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateDecision" (
    "id" SERIAL NOT NULL,
    "incidentId" UUID,
    "freezeId" UUID,
    "exceptionId" UUID,
    "service" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "pipeline" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GateDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "priority" TEXT NOT NULL DEFAULT 'medium',
    "dueDate" DATE,
    "theme" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "linearIssueId" TEXT,
    "linearKey" TEXT,
    "linearUrl" TEXT,
    "linearState" TEXT,
    "filing" TEXT NOT NULL DEFAULT 'unfiled',
    "filingError" TEXT,
    "filedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Page" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "service" TEXT,
    "target" TEXT NOT NULL,
    "incidentKey" TEXT NOT NULL,
    "pdIncidentId" TEXT,
    "pdUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "incidentId" UUID,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "result" JSONB,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "SlackUser" (
    "id" TEXT NOT NULL,
    "tz" TEXT,
    "email" TEXT,
    "name" TEXT,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SlackUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_channelId_key" ON "Incident"("channelId");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "RoleAssignment_incidentId_role_idx" ON "RoleAssignment"("incidentId", "role");

-- CreateIndex
CREATE INDEX "TimelineEntry_incidentId_occurredAt_recordedAt_id_idx" ON "TimelineEntry"("incidentId", "occurredAt", "recordedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_incidentId_seq_key" ON "TimelineEntry"("incidentId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_incidentId_dedupeKey_key" ON "TimelineEntry"("incidentId", "dedupeKey");

-- CreateIndex
CREATE INDEX "TimelineEdit_entryId_idx" ON "TimelineEdit"("entryId");

-- CreateIndex
CREATE INDEX "Milestone_incidentId_kind_idx" ON "Milestone"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "ImpactWindow_incidentId_service_environment_idx" ON "ImpactWindow"("incidentId", "service", "environment");

-- CreateIndex
CREATE INDEX "SeverityChange_incidentId_idx" ON "SeverityChange"("incidentId");

-- CreateIndex
CREATE INDEX "StatusChange_incidentId_idx" ON "StatusChange"("incidentId");

-- CreateIndex
CREATE INDEX "Prompt_incidentId_kind_idx" ON "Prompt"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "Freeze_liftedAt_idx" ON "Freeze"("liftedAt");

-- CreateIndex
CREATE INDEX "FreezeException_freezeId_service_idx" ON "FreezeException"("freezeId", "service");

-- CreateIndex
CREATE UNIQUE INDEX "GateDecision_freezeId_service_environment_version_pipeline__key" ON "GateDecision"("freezeId", "service", "environment", "version", "pipeline", "allowed");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_linearIssueId_key" ON "ActionItem"("linearIssueId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_incidentId_seq_key" ON "ActionItem"("incidentId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Page_incidentKey_key" ON "Page"("incidentKey");

-- CreateIndex
CREATE INDEX "Page_pdIncidentId_idx" ON "Page"("pdIncidentId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEdit" ADD CONSTRAINT "TimelineEdit_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "TimelineEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactWindow" ADD CONSTRAINT "ImpactWindow_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeverityChange" ADD CONSTRAINT "SeverityChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Freeze" ADD CONSTRAINT "Freeze_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeException" ADD CONSTRAINT "FreezeException_freezeId_fkey" FOREIGN KEY ("freezeId") REFERENCES "Freeze"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateDecision" ADD CONSTRAINT "GateDecision_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
