-- CreateEnum
CREATE TYPE "HostCredentialKind" AS ENUM ('fleet_key', 'uploaded_key');

-- AlterEnum
BEGIN;
CREATE TYPE "HostStatus_new" AS ENUM ('pending', 'online', 'unreachable');
ALTER TABLE "public"."hosts" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "hosts" ALTER COLUMN "status" TYPE "HostStatus_new" USING ("status"::text::"HostStatus_new");
ALTER TYPE "HostStatus" RENAME TO "HostStatus_old";
ALTER TYPE "HostStatus_new" RENAME TO "HostStatus";
DROP TYPE "public"."HostStatus_old";
ALTER TABLE "hosts" ALTER COLUMN "status" SET DEFAULT 'pending';
COMMIT;

-- AlterTable
ALTER TABLE "hosts" ADD COLUMN     "architecture" TEXT,
ADD COLUMN     "attention" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "auto_update_opt_out" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "boot_id" TEXT,
ADD COLUMN     "bootc" JSONB,
ADD COLUMN     "booted_digest" TEXT,
ADD COLUMN     "booted_image" TEXT,
ADD COLUMN     "booted_timestamp" TIMESTAMP(3),
ADD COLUMN     "booted_version" TEXT,
ADD COLUMN     "cached_update_digest" TEXT,
ADD COLUMN     "cached_update_version" TEXT,
ADD COLUMN     "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "credential_kind" "HostCredentialKind" NOT NULL DEFAULT 'fleet_key',
ADD COLUMN     "enrolled_at" TIMESTAMP(3),
ADD COLUMN     "expected_digest" TEXT,
ADD COLUMN     "facts" JSONB,
ADD COLUMN     "image_id" UUID,
ADD COLUMN     "last_error" JSONB,
ADD COLUMN     "last_refresh_at" TIMESTAMP(3),
ADD COLUMN     "next_refresh_at" TIMESTAMP(3),
ADD COLUMN     "on_rollback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "presented_fingerprint" TEXT,
ADD COLUMN     "rollback_digest" TEXT,
ADD COLUMN     "rollback_image" TEXT,
ADD COLUMN     "rollback_queued" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rollback_version" TEXT,
ADD COLUMN     "spec_image" TEXT,
ADD COLUMN     "ssh_passphrase_sealed" TEXT,
ADD COLUMN     "ssh_private_key_sealed" TEXT,
ADD COLUMN     "staged_digest" TEXT,
ADD COLUMN     "staged_download_only" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "staged_image" TEXT,
ADD COLUMN     "staged_version" TEXT,
ADD COLUMN     "timer_state" TEXT,
ADD COLUMN     "timer_state_at_enrollment" TEXT,
ADD COLUMN     "update_available" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "host_events" (
    "id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "from_value" TEXT,
    "to_value" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "host_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fleet_keys" (
    "id" UUID NOT NULL,
    "current" BOOLEAN DEFAULT true,
    "public_key" TEXT NOT NULL,
    "private_key_sealed" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fleet_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "host_events_host_id_at_idx" ON "host_events"("host_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "fleet_keys_current_key" ON "fleet_keys"("current");

-- CreateIndex
CREATE INDEX "hosts_booted_digest_idx" ON "hosts"("booted_digest");

-- CreateIndex
CREATE INDEX "hosts_image_id_idx" ON "hosts"("image_id");

-- CreateIndex
CREATE INDEX "hosts_group_idx" ON "hosts"("group");

-- CreateIndex
CREATE INDEX "hosts_next_refresh_at_idx" ON "hosts"("next_refresh_at");

-- CreateIndex
CREATE INDEX "hosts_last_seen_at_idx" ON "hosts"("last_seen_at");

-- CreateIndex
CREATE INDEX "hosts_labels_idx" ON "hosts" USING GIN ("labels" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "hosts_attention_idx" ON "hosts" USING GIN ("attention");

-- AddForeignKey
ALTER TABLE "hosts" ADD CONSTRAINT "hosts_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host_events" ADD CONSTRAINT "host_events_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "hosts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

