-- CreateEnum
CREATE TYPE "BaseIsoState" AS ENUM ('uploading', 'ready', 'failed');

-- CreateEnum
CREATE TYPE "IsoTemplateState" AS ENUM ('queued', 'building', 'ready', 'failed');

-- CreateTable
CREATE TABLE "base_isos" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "size" BIGINT NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "inspection" JSONB,
    "state" "BaseIsoState" NOT NULL DEFAULT 'uploading',
    "error" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "base_isos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "iso_templates" (
    "id" UUID NOT NULL,
    "base_iso_id" UUID NOT NULL,
    "image_id" UUID,
    "image_ref" TEXT NOT NULL,
    "pinned_ref" TEXT,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "kernel_args" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "state" "IsoTemplateState" NOT NULL DEFAULT 'queued',
    "progress" JSONB,
    "size" BIGINT,
    "path" TEXT,
    "metadata" JSONB,
    "error" JSONB,
    "job_record_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "iso_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host_installs" (
    "id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "record" JSONB NOT NULL,
    "kickstart_sealed" TEXT NOT NULL,
    "kickstart_sha256" TEXT NOT NULL,
    "call_home_token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "consumed_at" TIMESTAMP(3),
    "call_home" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "host_installs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "iso_templates_base_iso_id_idx" ON "iso_templates"("base_iso_id");

-- CreateIndex
CREATE UNIQUE INDEX "host_installs_host_id_key" ON "host_installs"("host_id");

-- CreateIndex
CREATE UNIQUE INDEX "host_installs_call_home_token_hash_key" ON "host_installs"("call_home_token_hash");

-- CreateIndex
CREATE INDEX "host_installs_template_id_idx" ON "host_installs"("template_id");

-- AddForeignKey
ALTER TABLE "iso_templates" ADD CONSTRAINT "iso_templates_base_iso_id_fkey" FOREIGN KEY ("base_iso_id") REFERENCES "base_isos"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host_installs" ADD CONSTRAINT "host_installs_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "iso_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

