-- CreateEnum
CREATE TYPE "RegistryCredentialKind" AS ENUM ('none', 'basic', 'token');

-- DropIndex
DROP INDEX "image_revisions_image_id_digest_key";

-- AlterTable
ALTER TABLE "registries" ADD COLUMN     "ca_pem" TEXT,
ADD COLUMN     "credential_kind" "RegistryCredentialKind" NOT NULL DEFAULT 'none',
ADD COLUMN     "last_test_at" TIMESTAMP(3),
ADD COLUMN     "last_test_error" JSONB,
ADD COLUMN     "last_test_ms" INTEGER,
ADD COLUMN     "last_test_ok" BOOLEAN,
ADD COLUMN     "sealed_secret" TEXT,
ADD COLUMN     "username" TEXT;

-- AlterTable
ALTER TABLE "images" ADD COLUMN     "last_error" JSONB,
ADD COLUMN     "last_error_at" TIMESTAMP(3),
ADD COLUMN     "last_polled_at" TIMESTAMP(3),
ADD COLUMN     "poll_interval_seconds" INTEGER;

-- AlterTable
ALTER TABLE "image_revisions" ADD COLUMN     "architecture" TEXT NOT NULL,
ADD COLUMN     "current" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "index_digest" TEXT;

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "image_revisions_image_id_architecture_current_idx" ON "image_revisions"("image_id", "architecture", "current");

-- CreateIndex
CREATE UNIQUE INDEX "image_revisions_image_id_architecture_digest_key" ON "image_revisions"("image_id", "architecture", "digest");

