-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "linearUpdatedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "actionItemsDoneAt" TIMESTAMPTZ(3);
