-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN     "permalink" TEXT;
