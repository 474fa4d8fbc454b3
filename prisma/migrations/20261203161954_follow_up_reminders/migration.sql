-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "snoozedUntil" DATE;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "postmortemDoneAt" TIMESTAMPTZ(3),
ADD COLUMN     "postmortemDoneBy" TEXT;

-- CreateTable
CREATE TABLE "FollowUpReminder" (
    "userId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FollowUpReminder_pkey" PRIMARY KEY ("userId","week")
);

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_state_idx" ON "ActionItem"("ownerId", "state");
