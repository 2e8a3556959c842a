-- Written by hand: the extension (trusted since PostgreSQL 13, so the database owner may create it), DESC NULLS
-- LAST on the descending version index (see prisma/schema/hosts.prisma), and the GIN storage parameters below.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "hosts_address_idx";

-- DropIndex
DROP INDEX "hosts_booted_version_desc_idx";

-- DropIndex
DROP INDEX "hosts_booted_version_idx";

-- DropIndex
DROP INDEX "hosts_status_idx";

-- CreateIndex
CREATE INDEX "hosts_status_name_idx" ON "hosts"("status", "name");

-- CreateIndex
CREATE INDEX "hosts_status_desc_name_idx" ON "hosts"("status" DESC, "name");

-- CreateIndex
CREATE INDEX "hosts_address_name_idx" ON "hosts"("address", "name");

-- CreateIndex
CREATE INDEX "hosts_booted_version_name_idx" ON "hosts"("booted_version", "name");

-- CreateIndex
CREATE INDEX "hosts_booted_version_desc_name_idx" ON "hosts"("booted_version" DESC NULLS LAST, "name");

-- CreateIndex
CREATE INDEX "hosts_update_available_name_idx" ON "hosts"("update_available", "name");

-- CreateIndex
CREATE INDEX "hosts_update_available_desc_name_idx" ON "hosts"("update_available" DESC, "name");

-- CreateIndex
CREATE INDEX "hosts_created_at_idx" ON "hosts"("created_at");

-- CreateIndex
CREATE INDEX "hosts_search_trgm_idx" ON "hosts" USING GIN ("name" gin_trgm_ops, "address" gin_trgm_ops, "booted_version" gin_trgm_ops, "booted_digest" gin_trgm_ops) WITH (fastupdate = off);

-- By hand: the hosts GIN indexes take entries straight into the index. With GIN's pending list (the default) every
-- host refresh (a non-HOT update) queues entries that each search then reads linearly, and the planner, costing
-- that list, falls back to scanning every host until a vacuum flushes it.
ALTER INDEX "hosts_labels_idx" SET (fastupdate = off);
ALTER INDEX "hosts_attention_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('hosts_labels_idx'::regclass);
SELECT gin_clean_pending_list('hosts_attention_idx'::regclass);

