-- CreateEnum
CREATE TYPE "MaintenanceWindowKind" AS ENUM ('recurring', 'one-off');

-- AlterTable
ALTER TABLE "image_revisions" ADD COLUMN     "quarantine_reason" TEXT,
ADD COLUMN     "quarantined" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "quarantined_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "maintenance_windows" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "MaintenanceWindowKind" NOT NULL,
    "cron" TEXT,
    "duration_minutes" INTEGER,
    "time_zone" TEXT,
    "starts_at" TIMESTAMP(3),
    "ends_at" TIMESTAMP(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "all_hosts" BOOLEAN NOT NULL DEFAULT false,
    "label_selector" JSONB NOT NULL DEFAULT '{}',
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "maintenance_windows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_windows_name_key" ON "maintenance_windows"("name");

-- CreateIndex
CREATE INDEX "image_revisions_digest_idx" ON "image_revisions"("digest");

