-- AlterTable
ALTER TABLE "Freeze" ADD COLUMN     "channelId" TEXT;
