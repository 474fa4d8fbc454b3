-- CreateTable
CREATE TABLE "ServiceName" (
    "id" TEXT NOT NULL,
    "firstUsedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceName_pkey" PRIMARY KEY ("id")
);
