-- AlterTable
ALTER TABLE "StatusPageSite" ADD COLUMN     "linkKey" TEXT;

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "addressKey" TEXT NOT NULL,
    "components" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "secret" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmMailedAt" TIMESTAMPTZ(3),
    "failingSince" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubscriberNotice" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "components" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "webhooks" JSONB NOT NULL,

    CONSTRAINT "SubscriberNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCount" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_addressKey_key" ON "Subscriber"("addressKey");

-- CreateIndex
CREATE INDEX "Subscriber_kind_confirmedAt_idx" ON "Subscriber"("kind", "confirmedAt");
